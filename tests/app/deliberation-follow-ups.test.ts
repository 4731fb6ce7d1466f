import type { VueWrapper } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import DeliberationFollowUpForm from '../../src/app/components/deliberation/DeliberationFollowUpForm.vue';
import { getRecord, saveFinalised } from '../../src/app/db/records';
import { pendingBlobs } from '../../src/app/db/outbox';
import { useDeliberationStore } from '../../src/app/stores/deliberation';
import { sessionRecord } from '../../src/shared/deliberation/session';
import { sha256Hex } from '../../src/shared/hashing';
import { signInAdviser } from '../helpers/app/deliberation-seed';
import { eventually, mountWith } from '../helpers/app/mount';
import { adviser, sessionContent } from '../../scripts/harness/deliberation';

vi.mock('compressorjs', () => import('../helpers/app/photos-fake-compressor'));

let wrapper: VueWrapper<InstanceType<typeof DeliberationFollowUpForm>> | undefined;
afterEach(() => wrapper?.unmount());

function mountForm() {
  wrapper = mountWith(DeliberationFollowUpForm, { props: { action: '公示物业费测算', followUpIndex: 1, today: '2026-11-28' } });
  return wrapper;
}

const session = sessionRecord('0190f5f2-7d1a-7000-8000-00000000a001', sessionContent(), { communityId: 'c-1', hostAdviserId: 'adviser-1' }, {
  ...adviser,
  createdAt: '2026-11-20T06:00:00.000Z',
  finalisedAt: '2026-11-20T07:40:00.000Z',
});

describe('follow-up records', () => {
  it('ask how the action stands, nothing chosen, and refuse to save without it', async () => {
    const w = mountForm();
    expect(w.get('h3').text()).toBe('跟进进展：公示物业费测算');
    expect(w.findAll('input[type="radio"]').map((radio) => [(radio.element as HTMLInputElement).checked, radio.element.parentElement!.textContent!.trim()])).toEqual([
      [false, '已完成'],
      [false, '部分完成'],
      [false, '受阻'],
    ]);
    await w.get('form').trigger('submit');
    expect(w.get('form > [role="alert"]').text()).toBe('请选择进展情况。');
    expect(w.emitted('report')).toBeUndefined();
  });

  it('report the status, note and photo of the action they are about', async () => {
    const w = mountForm();
    await w.findAll('input[type="radio"]')[1]!.setValue(true);
    await w.get('textarea').setValue('已公示一半');
    const input = w.get('input[data-source="camera"]');
    Object.defineProperty(input.element, 'files', { value: [new File(['notice board'], 'n.jpg', { type: 'image/jpeg' })] });
    await input.trigger('change');
    await eventually(() => expect(w.findAll('.thumbnails li')).toHaveLength(1));
    await w.get('form').trigger('submit');
    const bytes = new Uint8Array([...new TextEncoder().encode('jpeg:'), ...new TextEncoder().encode('notice board')]);
    expect(w.emitted('report')?.[0]).toEqual([
      { followUpIndex: 1, status: 'partly', note: '已公示一半', reportedOn: '2026-11-28', photo: { blobHash: sha256Hex(bytes), mediaType: 'image/jpeg', bytes: bytes.length } },
    ]);
  });

  it('are stored as new records naming the session, which stays as signed, and the photo is queued with them', async () => {
    await saveFinalised([session]);
    const w = mountForm();
    await signInAdviser();
    await w.findAll('input[type="radio"]')[0]!.setValue(true);
    const input = w.get('input[data-source="gallery"]');
    Object.defineProperty(input.element, 'files', { value: [new File(['done'], 'd.jpg', { type: 'image/jpeg' })] });
    await input.trigger('change');
    await eventually(() => expect(w.findAll('.thumbnails li')).toHaveLength(1));
    await w.get('form').trigger('submit');
    const store = useDeliberationStore();
    await store.reportFollowUp(session.id, w.emitted('report')![0]![0], new Date('2026-11-28T02:00:00Z'));
    await store.load();
    expect(store.reports).toHaveLength(1);
    expect(store.reports[0]!.data).toMatchObject({ sessionId: session.id, sessionHash: session.hash, followUpIndex: 1, status: 'done', reportedOn: '2026-11-28' });
    expect(store.reports[0]!.syncState).toBe('pending');
    expect((await getRecord(session.id))!.hash).toBe(session.hash);
    expect((await pendingBlobs()).map((blob) => blob.hash)).toEqual([(store.reports[0]!.data.photo as { blobHash: string }).blobHash]);
    expect(store.openFollowUps('2026-11-28').map((line) => [line.action, line.standing])).toEqual([['筹备业主大会', 'due']]);
  });
});
