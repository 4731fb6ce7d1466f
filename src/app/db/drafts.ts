import type { DeviceRecordKind } from '../../shared/records';
import { appDatabase, type StoredDraft } from './database';
import { readDraft } from './shapes/draft';
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
    const draft = text ? readDraft(JSON.parse(text)) : undefined;
    return draft?.id === id ? draft : undefined;
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
  const row = await appDatabase().drafts.get(id);
  if (!row) {
    clearJournal(id);
    return undefined;
  }
  // A shape no release of this app wrote (a newer one's) is left as it is, journal included.
  const stored = readDraft(row);
  if (!stored) return undefined;
  const draft = newest(stored, readJournal(id));
  if (draft !== stored) await putDraft(draft);
  return draft;
}

/** A kind's drafts, most recently touched first. */
export async function listDrafts(kind: DeviceRecordKind): Promise<StoredDraft[]> {
  const drafts = (await appDatabase().drafts.where('kind').equals(kind).toArray()).flatMap((row) => readDraft(row) ?? []);
  return drafts.map((draft) => newest(draft, readJournal(draft.id))).sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
}

export async function deleteDraft(id: string): Promise<void> {
  await writeWithReopen(() => appDatabase().drafts.delete(id));
  clearJournal(id);
}

/** Every blob hash a stored value names under a `blobHash` key, however deep (photos, signature images). */
function blobHashesIn(value: unknown, into: Set<string> = new Set()): Set<string> {
  if (Array.isArray(value)) for (const entry of value) blobHashesIn(entry, into);
  else if (value !== null && typeof value === 'object') {
    for (const [key, entry] of Object.entries(value)) {
      if (key === 'blobHash' && typeof entry === 'string') into.add(entry);
      else blobHashesIn(entry, into);
    }
  }
  return into;
}

/**
 * Deletes a draft and, in the same transaction, the blobs kept only for it: those it names (or its
 * journal does) that are still in the draft state and that no other draft names. A blob a finalised
 * record names left the draft state when that record was saved, so it always stays.
 */
export async function discardDraft(id: string): Promise<void> {
  const journal = readJournal(id);
  await writeWithReopen(() => {
    const db = appDatabase();
    return db.transaction('rw', [db.drafts, db.blobs], async () => {
      const named = blobHashesIn([await db.drafts.get(id), journal]);
      if (named.size > 0) {
        const others = await db.drafts.filter((draft) => draft.id !== id).toArray();
        const stillNamed = blobHashesIn(others.map((draft) => [draft, readJournal(draft.id)]));
        const kept = await db.blobs.bulkGet([...named].filter((hash) => !stillNamed.has(hash)));
        await db.blobs.bulkDelete(kept.flatMap((blob) => (blob?.uploadState === 'draft' ? [blob.hash] : [])));
      }
      await db.drafts.delete(id);
    });
  });
  clearJournal(id);
}

/** Forgets the journal of a draft that was finalised (its record replaced it). */
export function forgetDraftJournal(id: string): void {
  clearJournal(id);
}
