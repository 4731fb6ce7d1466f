import type { VueWrapper } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { appDatabase } from '../../src/app/db/database';
import { saveSession } from '../../src/app/db/session';
import { useSyncStore } from '../../src/app/stores/sync';
import { validateRecord } from '../../src/shared/records';
import { eventually, mountApp } from '../helpers/app/mount';
import { answer, caseId, officer, resetServer, server } from '../helpers/app/officer-case-server';

vi.mock('compressorjs', () => import('../helpers/app/photos-fake-compressor'));

let wrapper: VueWrapper | undefined;

beforeEach(async () => {
  resetServer();
  vi.stubGlobal('fetch', vi.fn(answer));
  await saveSession(officer);
});
afterEach(() => {
  useSyncStore().stop();
  wrapper?.unmount();
  wrapper = undefined;
  vi.unstubAllGlobals();
});

const waiting = () => wrapper!.find('section.waiting');

describe('an officer’s report made offline', () => {
  it('is kept on the device with its photo, survives a reload as "waiting to sync", and is delivered once when back online', async () => {
    ({ wrapper } = await mountApp(`/office/cases/${caseId}`));
    await eventually(() => expect(wrapper!.get('.facts .state').text()).toBe('整改中'));
    // The signal goes; the officer reports the rectification with a photo.
    server.online = false;
    useSyncStore().start();
    const fixed = wrapper.findAll('input[type="radio"]').find((radio) => radio.element.parentElement!.textContent!.trim() === '报告已整改')!;
    await fixed.setValue(true);
    await wrapper.get('textarea').setValue('已清理楼道堆物');
    const input = wrapper.get('input[data-source="gallery"]');
    Object.defineProperty(input.element, 'files', { value: [new File(['after'], 'after.jpg', { type: 'image/jpeg' })] });
    await input.trigger('change');
    await eventually(() => expect(wrapper!.find('.photo-picker img, img').exists()).toBe(true));
    await wrapper.get('form.step').trigger('submit');
    await eventually(() => expect(waiting().text()).toContain('已保存在本机，联网后自动发送'));
    expect(waiting().text()).toContain('报告已整改');
    expect(waiting().text()).toContain('附照片1张');
    // Nothing reached the server; the next step waits for this one.
    expect(server.pushed).toEqual([]);
    expect(wrapper.find('form.step').exists()).toBe(false);

    const stored = await appDatabase().records.where('kind').equals('case_report').toArray();
    expect(stored.map((record) => record.syncState)).toEqual(['pending']);
    const photoHash = (stored[0]!.data.photos as { blobHash: string }[])[0]!.blobHash;
    expect((await appDatabase().blobs.get(photoHash))?.uploadState).toBe('pending');

    // The page is reloaded while still offline: the report is there, waiting.
    useSyncStore().stop();
    wrapper.unmount();
    ({ wrapper } = await mountApp(`/office/cases/${caseId}`));
    await eventually(() => expect(waiting().text()).toContain('已清理楼道堆物'));
    expect(waiting().text()).toContain('已保存在本机，联网后自动发送');

    // Back online: the photo goes first, then the record, once; the case shows the new state.
    server.online = true;
    useSyncStore().start();
    await eventually(() => expect(server.pushed.filter((record) => record.kind === 'case_report')).toHaveLength(1));
    await eventually(() => expect(waiting().exists()).toBe(false));
    await eventually(() => expect(wrapper!.get('.facts .state').text()).toBe('已报整改'));
    const [sent] = server.pushed;
    expect(validateRecord(sent!)).toBeUndefined();
    expect(sent!.data).toMatchObject({ caseId, communityId: 'yijiangmen-c01', action: 'report_fixed', note: '已清理楼道堆物', authorId: officer.user.id, photos: [{ blobHash: photoHash }] });
    expect(server.blobs.has(photoHash)).toBe(true);
    await useSyncStore().syncNow();
    expect(server.pushed).toHaveLength(1);
    expect((await appDatabase().records.get(sent!.id))?.syncState).toBe('synced');
  }, 60_000);
});
