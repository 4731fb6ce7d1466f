import type { DeviceRecordKind } from '../../shared/records';
import { appDatabase, type StoredDraft } from './database';
import { writeWithReopen } from './storage';

/**
 * Drafts: work in progress, kept until finalised or discarded. Besides IndexedDB, a draft can be
 * journalled synchronously to localStorage when the page is going away: an IndexedDB write begun
 * while a page unloads may never complete, a localStorage write always has.
 */

const journalPrefix = 'gulou-survey:draft-journal:';

function readJournal(id: string): StoredDraft | undefined {
  try {
    const text = globalThis.localStorage?.getItem(journalPrefix + id);
    const draft = text ? (JSON.parse(text) as StoredDraft) : undefined;
    return draft?.id === id && draft.shape === 1 ? draft : undefined;
  } catch {
    return undefined;
  }
}

function clearJournal(id: string): void {
  globalThis.localStorage?.removeItem(journalPrefix + id);
}

/** The newer of a stored draft and its journal. */
function newest(stored: StoredDraft, journal: StoredDraft | undefined): StoredDraft {
  return journal && journal.updatedAt > stored.updatedAt ? journal : stored;
}

/** Keeps a synchronous copy of the draft; for `pagehide`, when an asynchronous write may be cut short. */
export function journalDraft(draft: StoredDraft): void {
  try {
    globalThis.localStorage?.setItem(journalPrefix + draft.id, JSON.stringify(draft));
  } catch {
    // Full or unavailable: the IndexedDB write started alongside is then all there is.
  }
}

export async function putDraft(draft: StoredDraft): Promise<void> {
  await writeWithReopen(() => appDatabase().drafts.put(draft));
  const journal = readJournal(draft.id);
  if (journal && journal.updatedAt <= draft.updatedAt) clearJournal(draft.id);
}

/**
 * A draft as last saved: from IndexedDB, or from its journal when that is newer (the page was
 * closed before IndexedDB finished), in which case the journal is written back first.
 * A journal without a stored draft is ignored: that draft was finalised or discarded.
 */
export async function getDraft(id: string): Promise<StoredDraft | undefined> {
  const stored = await appDatabase().drafts.get(id);
  if (!stored) {
    clearJournal(id);
    return undefined;
  }
  const draft = newest(stored, readJournal(id));
  if (draft !== stored) await putDraft(draft);
  return draft;
}

/** A kind's drafts, most recently touched first. */
export async function listDrafts(kind: DeviceRecordKind): Promise<StoredDraft[]> {
  const drafts = await appDatabase().drafts.where('kind').equals(kind).toArray();
  return drafts.map((draft) => newest(draft, readJournal(draft.id))).sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
}

export async function deleteDraft(id: string): Promise<void> {
  await writeWithReopen(() => appDatabase().drafts.delete(id));
  clearJournal(id);
}

/** Forgets the journal of a draft that was finalised (its record replaced it). */
export function forgetDraftJournal(id: string): void {
  clearJournal(id);
}
