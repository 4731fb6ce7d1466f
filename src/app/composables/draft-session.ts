import { shallowRef, watch, type WatchSource } from 'vue';
import type { FinalisedRecord } from '../../shared/records';
import type { StoredDraft } from '../db/database';
import { forgetDraftJournal, getDraft, journalDraft, putDraft } from '../db/drafts';
import { saveFinalised, type NewBlob } from '../db/records';
import { createAutosave } from './autosave';

export interface DraftSessionOptions<State> {
  /** Prefix of the autosave's User Timing measures (`<name>:write`, `<name>:durable`) the bench reads. */
  measureName: string;
  /** The owner's state a draft holds; any change to one of these is saved. */
  watched: WatchSource[];
  /** What the owner keeps of a stored draft, or undefined when the draft is not its kind or cannot be read. */
  read: (stored: StoredDraft) => State | undefined;
  /** Puts an opened draft's state in memory, or lets it go (undefined: nothing opened, or finalised). */
  load: (opened: { stored: StoredDraft; state: State } | undefined) => void;
  /** The draft as it would be stored now, from the owner's state; undefined when there is nothing to store. */
  snapshot: (draft: StoredDraft, now: Date) => StoredDraft | undefined;
}

/**
 * The lifecycle every draft goes through, for the stores that own one (the questionnaire, the
 * deliberation session): opened from IndexedDB, saved by itself as the owner's state changes (the
 * debounced autosave, flushed on page hide), journalled synchronously when the page goes away
 * (`db/drafts.ts`), and finalised with its records and blobs in one write that removes the draft.
 */
export function createDraftSession<State>(options: DraftSessionOptions<State>) {
  // Shallow: each change replaces the whole value, and what is stored must be plain, cloneable data.
  const draft = shallowRef<StoredDraft | undefined>(undefined);
  const autosave = createAutosave(() => save(), { measureName: options.measureName, onLeave: () => journal() });
  // Loading a draft is not a change to save.
  let loading = false;
  watch(
    options.watched,
    () => {
      if (draft.value && !loading) autosave.schedule();
    },
    { flush: 'sync' },
  );

  function snapshot(now: Date): StoredDraft | undefined {
    return draft.value ? options.snapshot(draft.value, now) : undefined;
  }

  /** Writes the draft as it is now. */
  async function save(now: Date = new Date()): Promise<void> {
    const next = snapshot(now);
    if (!next) return;
    await putDraft(next);
    draft.value = next;
  }

  /** Keeps a synchronous copy of the draft as it is now, for a page that is going away. */
  function journal(now: Date = new Date()): void {
    const next = snapshot(now);
    if (next) journalDraft(next);
  }

  /** Loads a draft; false when there is none with this id (finished, discarded or unreadable). */
  async function open(id: string): Promise<boolean> {
    await autosave.stop();
    const stored = await getDraft(id);
    const state = stored && options.read(stored);
    loading = true;
    try {
      draft.value = stored && state !== undefined ? stored : undefined;
      options.load(stored && state !== undefined ? { stored, state } : undefined);
    } finally {
      loading = false;
    }
    if (!draft.value) return false;
    autosave.listen();
    return true;
  }

  /** Stores the finished records with their blobs in one write that removes the draft, and lets the draft go. */
  async function finish(records: readonly FinalisedRecord[], blobs: readonly NewBlob[]): Promise<void> {
    const current = draft.value;
    if (!current) throw new Error('no draft open');
    await saveFinalised(records, blobs, current.id);
    forgetDraftJournal(current.id);
    await autosave.stop();
    draft.value = undefined;
    options.load(undefined);
  }

  return {
    draft,
    /** 'pending' | 'saving' | 'saved' | 'failed' for the page's save indicator. */
    saveState: autosave.state,
    saveError: autosave.error,
    open,
    /** The page is done with the draft: what is pending is saved, page events are let go. */
    close: (): Promise<void> => autosave.stop(),
    /** Saves now what is pending (a step taken, "retry" after a failed save). */
    flush: (): Promise<void> => autosave.flush(),
    journal,
    finish,
  };
}
