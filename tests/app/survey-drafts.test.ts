import { describe, expect, it } from 'vitest';
import type { StoredDraft } from '../../src/app/db/database';
import { appDatabase } from '../../src/app/db/database';
import { deleteDraft, getDraft, journalDraft, listDrafts, putDraft } from '../../src/app/db/drafts';

const draft: StoredDraft = {
  id: '0190f0a0-0000-7000-8000-0000000000d1',
  shape: 1,
  kind: 'response',
  formId: 'resident-elderly',
  formVersion: 1,
  answers: { sat_pb_org_service: 'fair' },
  position: 0,
  context: {},
  createdAt: '2026-03-02T09:00:00.000Z',
  updatedAt: '2026-03-02T09:00:01.000Z',
};

describe('drafts and their journal', () => {
  it('take the journal when the page closed before IndexedDB finished, and write it back', async () => {
    await putDraft(draft);
    const later = { ...draft, answers: { ...draft.answers, concerns_other: '楼道灯不亮' }, position: 19, updatedAt: '2026-03-02T09:00:02.000Z' };
    journalDraft(later);
    expect(await getDraft(draft.id)).toEqual(later);
    expect(await appDatabase().drafts.get(draft.id)).toEqual(later);
    expect(localStorage.length).toBe(0);
  });

  it('ignore a journal older than what IndexedDB holds', async () => {
    journalDraft(draft);
    const newer = { ...draft, position: 3, updatedAt: '2026-03-02T09:00:05.000Z' };
    await putDraft(newer);
    expect(await getDraft(draft.id)).toEqual(newer);
    expect(localStorage.length).toBe(0);
  });

  it('never bring back a draft that was finalised or discarded', async () => {
    await putDraft(draft);
    journalDraft({ ...draft, updatedAt: '2026-03-02T09:00:09.000Z' });
    await deleteDraft(draft.id);
    expect(localStorage.length).toBe(0);
    journalDraft({ ...draft, updatedAt: '2026-03-02T09:00:09.000Z' });
    expect(await getDraft(draft.id)).toBeUndefined();
    expect(await listDrafts('response')).toEqual([]);
  });

  it('list the newest state of each draft, most recent first', async () => {
    const other = { ...draft, id: '0190f0a0-0000-7000-8000-0000000000d2', updatedAt: '2026-03-02T10:00:00.000Z' };
    await putDraft(draft);
    await putDraft(other);
    journalDraft({ ...draft, position: 7, updatedAt: '2026-03-02T11:00:00.000Z' });
    const listed = await listDrafts('response');
    expect(listed.map((d) => [d.id, d.position])).toEqual([
      [draft.id, 7],
      [other.id, 0],
    ]);
  });
});
