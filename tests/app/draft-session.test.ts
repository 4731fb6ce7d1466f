import { afterEach, describe, expect, it, vi } from 'vitest';
import { effectScope, shallowRef } from 'vue';
import { createDraftSession } from '../../src/app/composables/draft-session';
import { appDatabase, type StoredDraft } from '../../src/app/db/database';
import { getDraft, putDraft } from '../../src/app/db/drafts';
import { getBlob, getRecord } from '../../src/app/db/records';
import type { FinalisedRecord } from '../../src/shared/records';
import { eventually } from '../helpers/app/mount';

/** A small owner of a draft: a note and the topic it is about, kept in the draft's answers and context. */
function noteOwner() {
  const note = shallowRef<string | undefined>(undefined);
  const topic = shallowRef<string | undefined>(undefined);
  const loads: Array<'opened' | 'let go'> = [];
  const scope = effectScope();
  const session = scope.run(() =>
    createDraftSession({
      measureName: 'test:draft',
      watched: [note, topic],
      read: (stored) => (typeof stored.context.topic === 'string' ? stored.context.topic : undefined),
      load: (opened) => {
        loads.push(opened ? 'opened' : 'let go');
        topic.value = opened?.state;
        note.value = opened ? String(opened.stored.answers.note ?? '') : undefined;
      },
      snapshot: (draft, now) => (note.value === undefined || topic.value === undefined ? undefined : { ...draft, answers: { note: note.value }, context: { topic: topic.value }, updatedAt: now.toISOString() }),
    }),
  )!;
  owners.push({ close: session.close, stop: () => scope.stop() });
  return { note, topic, loads, session };
}

const owners: Array<{ close: () => Promise<void>; stop: () => void }> = [];
afterEach(async () => {
  for (const owner of owners.splice(0)) {
    await owner.close();
    owner.stop();
  }
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'visible' });
});

async function storedDraft(id: string, context: Record<string, unknown> = { topic: 'parking' }): Promise<StoredDraft> {
  const at = '2026-05-01T08:00:00.000Z';
  const draft: StoredDraft = { id, shape: 1, kind: 'deliberation', formId: 'test-form', formVersion: 1, answers: { note: 'first' }, position: 0, context, createdAt: at, updatedAt: at };
  await putDraft(draft);
  return draft;
}

const record: FinalisedRecord = { id: '0190f0a0-0000-7000-8000-000000000001', kind: 'deliberation', schemaVersion: 2, data: { finalisedAt: '2026-05-01T09:00:00.000Z' }, hash: 'a'.repeat(64) };

describe('a draft session', () => {
  it('opens a stored draft into its owner, and nothing for a missing or unreadable one', async () => {
    const { note, topic, loads, session } = noteOwner();
    await storedDraft('draft-1');
    await storedDraft('draft-2', { other: true });
    expect(await session.open('draft-1')).toBe(true);
    expect([note.value, topic.value, session.draft.value?.id]).toEqual(['first', 'parking', 'draft-1']);
    expect(await session.open('draft-2')).toBe(false);
    expect(await session.open('no-such-draft')).toBe(false);
    expect([note.value, session.draft.value]).toEqual([undefined, undefined]);
    expect(loads).toEqual(['opened', 'let go', 'let go']);
  });

  it('saves each change of the owner by itself, and not merely because it opened', async () => {
    const { note, session } = noteOwner();
    const before = await storedDraft('draft-1');
    await session.open('draft-1');
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(session.saveState.value).toBe('idle');
    expect((await getDraft('draft-1'))?.updatedAt).toBe(before.updatedAt);
    note.value = 'second';
    expect(session.saveState.value).toBe('pending');
    await eventually(async () => expect((await getDraft('draft-1'))?.answers).toEqual({ note: 'second' }), { timeout: 5_000 });
    expect(session.saveState.value).toBe('saved');
    expect(session.draft.value?.answers).toEqual({ note: 'second' });
  });

  it('journals a change synchronously when the page is hidden, and stops listening once closed', async () => {
    const { note, session } = noteOwner();
    await storedDraft('draft-1');
    await session.open('draft-1');
    note.value = 'before the page goes';
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
    document.dispatchEvent(new Event('visibilitychange'));
    const journal = JSON.parse(localStorage.getItem('gulou-survey:draft-journal:draft-1') ?? '{}') as { answers?: unknown };
    expect(journal.answers).toEqual({ note: 'before the page goes' });
    await eventually(async () => expect((await getDraft('draft-1'))?.answers).toEqual({ note: 'before the page goes' }), { timeout: 5_000 });
    await session.close();
    const put = vi.spyOn(appDatabase().drafts, 'put');
    window.dispatchEvent(new Event('pagehide'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(put).not.toHaveBeenCalled();
    expect(localStorage.length).toBe(0);
  });

  it('finishes with the records and blobs in one write that removes the draft, and lets the owner go', async () => {
    const { note, loads, session } = noteOwner();
    await storedDraft('draft-1');
    await session.open('draft-1');
    note.value = 'last words';
    await session.flush();
    const image = new Blob(['signature'], { type: 'image/png' });
    await session.finish([record], [{ hash: 'b'.repeat(64), blob: image }]);
    expect(await getDraft('draft-1')).toBeUndefined();
    expect(await getRecord(record.id)).toMatchObject({ id: record.id, syncState: 'pending' });
    expect(await getBlob('b'.repeat(64))).toMatchObject({ uploadState: 'pending', size: image.size });
    expect(localStorage.getItem('gulou-survey:draft-journal:draft-1')).toBeNull();
    expect([session.draft.value, note.value, loads.at(-1)]).toEqual([undefined, undefined, 'let go']);
    await expect(session.finish([record], [])).rejects.toThrow('no draft open');
  });
});
