import type { VueWrapper } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import PhotoPicker from '../../src/app/components/photos/PhotoPicker.vue';
import { appDatabase } from '../../src/app/db/database';
import { pendingBlobs } from '../../src/app/db/outbox';
import { saveFinalised } from '../../src/app/db/records';
import { usePhotosStore } from '../../src/app/stores/photos';
import { sha256Hex } from '../../src/shared/hashing';
import type { Photo } from '../../src/shared/photos';
import { finaliseRecord } from '../../src/shared/records';
import { eventually, mountWith } from '../helpers/app/mount';

// Decoding and drawing an image needs a real canvas, which happy-dom lacks.
vi.mock('compressorjs', () => import('../helpers/app/photos-fake-compressor'));

type PickerWrapper = VueWrapper<InstanceType<typeof PhotoPicker>>;
let wrapper: PickerWrapper | undefined;
afterEach(() => {
  wrapper?.unmount();
  wrapper = undefined;
});

function mountPicker(initial: Photo[] = [], max = 5, locale: 'zh-CN' | 'en' = 'zh-CN'): PickerWrapper {
  const mounted: PickerWrapper = mountWith(PhotoPicker, {
    locale,
    props: { label: '现场照片', max, modelValue: initial, 'onUpdate:modelValue': (value: Photo[]) => void mounted.setProps({ modelValue: value }) },
  });
  wrapper = mounted;
  return mounted;
}

const model = (w: PickerWrapper) => w.props('modelValue');
const button = (w: PickerWrapper, name: string) => w.findAll('button').find((b) => b.text() === name || b.attributes('aria-label') === name)!;

async function pick(w: PickerWrapper, source: 'camera' | 'gallery', files: File[]): Promise<void> {
  const input = w.get(`input[data-source="${source}"]`);
  Object.defineProperty(input.element, 'files', { value: files, configurable: true });
  await input.trigger('change');
}

const jpegOf = (text: string) => new Uint8Array([...new TextEncoder().encode('jpeg:'), ...new TextEncoder().encode(text)]);

describe('photo picker', () => {
  it('offers the camera and the gallery by labelled buttons, the file inputs kept out of the tab order', () => {
    const w = mountPicker();
    expect(w.get('legend').text()).toBe('现场照片');
    expect(w.get('.count').text()).toBe('已添加 0 张照片，最多 5 张');
    expect(button(w, '拍照').exists()).toBe(true);
    expect(button(w, '从相册选择').exists()).toBe(true);
    const camera = w.get('input[data-source="camera"]');
    expect(camera.attributes()).toMatchObject({ type: 'file', accept: 'image/*', capture: 'environment', tabindex: '-1' });
    const gallery = w.get('input[data-source="gallery"]');
    expect(gallery.attributes('multiple')).toBeDefined();
    expect(gallery.attributes('capture')).toBeUndefined();
  });

  it('compresses each picked image, names it by the hash of the compressed bytes and keeps it as a draft blob', async () => {
    const w = mountPicker();
    await pick(w, 'gallery', [new File(['front door'], 'a.heic', { type: 'image/heic' }), new File(['stairwell'], 'b.jpg', { type: 'image/jpeg' })]);
    await eventually(() => expect(model(w)).toHaveLength(2));
    const expected = [jpegOf('front door'), jpegOf('stairwell')].map((bytes) => ({ blobHash: sha256Hex(bytes), mediaType: 'image/jpeg', bytes: bytes.length }));
    expect(model(w)).toEqual(expected);
    const kept = await appDatabase().blobs.toArray();
    expect(kept.map(({ hash, uploadState, type }) => ({ hash, uploadState, type })).sort((a, b) => a.hash.localeCompare(b.hash))).toEqual(
      expected.map(({ blobHash }) => ({ hash: blobHash, uploadState: 'draft', type: 'image/jpeg' })).sort((a, b) => a.hash.localeCompare(b.hash)),
    );
    // A photo of a draft is not sent: nothing names it yet.
    expect(await pendingBlobs()).toEqual([]);
    await eventually(() => expect(w.findAll('img').map((img) => img.attributes('alt'))).toEqual(['照片 1', '照片 2']));
    expect(w.get('[role="status"]').text()).toBe('已添加照片，共 2 张。');
  });

  it('removes a photo by its labelled button and says so', async () => {
    const w = mountPicker();
    await pick(w, 'camera', [new File(['one'], 'one.jpg', { type: 'image/jpeg' })]);
    await eventually(() => expect(model(w)).toHaveLength(1));
    await pick(w, 'camera', [new File(['two'], 'two.jpg', { type: 'image/jpeg' })]);
    await eventually(() => expect(model(w)).toHaveLength(2));
    // A word under each photo, not a × drawn over it; its name says which photo.
    expect(w.findAll('.thumbnails button').map((remove) => [remove.text(), remove.attributes('aria-label')])).toEqual([['删除', '删除照片 1'], ['删除', '删除照片 2']]);
    await button(w, '删除照片 1').trigger('click');
    expect(model(w).map((photo) => photo.blobHash)).toEqual([sha256Hex(jpegOf('two'))]);
    expect(w.get('[role="status"]').text()).toBe('已删除照片，还有 1 张。');
  });

  it('shows thumbnails again for photos a resumed draft names', async () => {
    const first = mountPicker();
    await pick(first, 'camera', [new File(['kept'], 'kept.jpg', { type: 'image/jpeg' })]);
    await eventually(() => expect(model(first)).toHaveLength(1));
    const saved = model(first);
    first.unmount();
    const again = mountPicker(saved);
    await eventually(() => expect(again.get('img').attributes('src')).toMatch(/^blob:/));
  });

  it('says when a file cannot be read as an image and keeps the photos it has', async () => {
    const w = mountPicker();
    await pick(w, 'camera', [new File(['fine'], 'fine.jpg', { type: 'image/jpeg' })]);
    await eventually(() => expect(model(w)).toHaveLength(1));
    await pick(w, 'gallery', [new File(['%PDF'], 'minutes.pdf', { type: 'application/pdf' })]);
    await eventually(() => expect(w.get('[role="alert"]').text()).toBe('无法读取这张照片，请换一张或重新拍摄。'));
    expect(model(w)).toHaveLength(1);
  });

  it('stops at the limit: buttons disabled, and extra files of one pick left out', async () => {
    const w = mountPicker([], 2, 'en');
    await pick(w, 'gallery', ['a', 'b', 'c'].map((name) => new File([name], `${name}.jpg`, { type: 'image/jpeg' })));
    await eventually(() => expect(model(w)).toHaveLength(2));
    expect(button(w, 'Take a photo').attributes('disabled')).toBeDefined();
    expect(button(w, 'Choose from gallery').attributes('disabled')).toBeDefined();
    expect(w.get('.hint').text()).toBe('The limit of 2 photos is reached: remove one to add another.');
  });

  it('hands the photos to the finalising write, which queues them for upload with the record', async () => {
    const w = mountPicker();
    await pick(w, 'camera', [new File(['meeting room'], 'room.jpg', { type: 'image/jpeg' })]);
    await eventually(() => expect(model(w)).toHaveLength(1));
    const blobs = await usePhotosStore().blobsFor(model(w));
    const record = finaliseRecord('household', '0190f5f2-7d1a-7000-8000-000000000001', {
      authorId: 'adviser-1',
      deviceId: 'device-1',
      createdAt: '2026-11-20T09:00:00+08:00',
      finalisedAt: '2026-11-20T09:05:00+08:00',
      communityId: 'c-1',
      building: '1',
      unit: '1',
      room: '101',
    });
    await saveFinalised([record], blobs);
    expect((await pendingBlobs()).map((blob) => blob.hash)).toEqual([model(w)[0]!.blobHash]);
  });
});
