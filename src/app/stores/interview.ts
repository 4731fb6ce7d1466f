import { defineStore } from 'pinia';
import { v7 as uuidv7 } from 'uuid';
import { computed, ref, shallowRef, watch } from 'vue';
import { completedInterviewRecords } from '../../shared/fieldwork/records';
import { itemsForSubdistrict } from '../../shared/questionnaire/definition';
import type { AnswerValue } from '../../shared/questionnaire/form';
import { interviewContextOf, type InterviewContext, type InterviewStage } from '../../shared/questionnaire/interview';
import { createAutosave } from '../composables/autosave';
import type { StoredDraft } from '../db/database';
import { deviceId } from '../db/device';
import { forgetDraftJournal, getDraft, journalDraft, putDraft } from '../db/drafts';
import { saveFinalised } from '../db/records';
import { useSessionStore } from './session';

/** How the resident signed: an image of the signature, or the reason they declined. */
export type SignatureOutcome = { image: Blob } | { declinedReason: string };

/**
 * The questionnaire being filled in: its draft (answers, position, stage) in memory, saved by
 * itself whenever that state changes (debounced, flushed when the page is hidden or closed), and
 * finalised with the signature and the visit in one write.
 */
export const useInterviewStore = defineStore('interview', () => {
  // Shallow: each change replaces the whole value, and what is stored must be plain, cloneable data.
  const draft = shallowRef<StoredDraft | undefined>(undefined);
  const context = shallowRef<InterviewContext | undefined>(undefined);
  const answers = shallowRef<Record<string, AnswerValue>>({});
  const position = ref(0);

  const items = computed(() => (context.value ? itemsForSubdistrict(context.value.definition, context.value.subdistrictId) : []));

  const autosave = createAutosave(() => save(), { measureName: 'survey:draft', onLeave: () => journal() });
  /** 'pending' | 'saving' | 'saved' | 'failed' for the page's save indicator. */
  const saveState = autosave.state;
  const saveError = autosave.error;
  // Any change to what a draft holds is saved: no caller has to remember to ask for it.
  let loading = false;
  watch([answers, position, context], () => {
    if (draft.value && !loading) autosave.schedule();
  }, { flush: 'sync' });

  /** Loads a draft; false when there is none with this id (finished, discarded or unreadable). */
  async function open(id: string): Promise<boolean> {
    await autosave.stop();
    const stored = await getDraft(id);
    const storedContext = stored && interviewContextOf(stored.context);
    loading = true;
    try {
      if (!stored || !storedContext) {
        draft.value = undefined;
        context.value = undefined;
        return false;
      }
      draft.value = stored;
      context.value = storedContext;
      answers.value = { ...(stored.answers as Record<string, AnswerValue>) };
      position.value = stored.position;
    } finally {
      loading = false;
    }
    autosave.listen();
    return true;
  }

  /** The page is done with the questionnaire: what is pending is saved, page events are let go. */
  function close(): Promise<void> {
    return autosave.stop();
  }

  /** Saves now what is pending (e.g. "retry" after a failed save). */
  function flush(): Promise<void> {
    return autosave.flush();
  }

  function answer(itemId: string, value: AnswerValue | undefined): void {
    const next = { ...answers.value };
    if (value === undefined) delete next[itemId];
    else next[itemId] = value;
    answers.value = next;
  }

  function move(index: number): void {
    position.value = index;
  }

  /** Moving between questions, review and signature is saved at once, not after the delay. */
  async function setStage(stage: InterviewStage): Promise<void> {
    if (context.value) context.value = { ...context.value, stage };
    await autosave.flush();
  }

  function setElderlyMode(on: boolean): void {
    if (context.value) context.value = { ...context.value, elderlyMode: on };
  }

  function snapshot(now: Date): StoredDraft | undefined {
    if (!draft.value || !context.value) return undefined;
    return { ...draft.value, answers: answers.value, position: position.value, context: context.value, updatedAt: now.toISOString() };
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

  /**
   * Finalises the response, its signature record (with the image blob) and the completed visit in
   * one transaction, and removes the draft. Returns the response id.
   */
  async function finalise(signature: SignatureOutcome, now: Date = new Date()): Promise<string> {
    await autosave.flush();
    const current = draft.value;
    const about = context.value;
    const user = useSessionStore().user;
    if (!current || !about || !user) throw new Error('no questionnaire open');
    const image = 'image' in signature ? { image: new Uint8Array(await signature.image.arrayBuffer()) } : signature;
    const { records, blobHash } = completedInterviewRecords({
      responseId: current.id,
      signatureId: uuidv7(),
      visitId: uuidv7(),
      context: about,
      answers: answers.value,
      author: { authorId: user.id, deviceId: await deviceId() },
      createdAt: current.createdAt,
      now,
      signature: image,
    });
    const blobs = blobHash && 'image' in signature ? [{ hash: blobHash, blob: signature.image }] : [];
    await saveFinalised(records, blobs, current.id);
    forgetDraftJournal(current.id);
    await autosave.stop();
    draft.value = undefined;
    context.value = undefined;
    return current.id;
  }

  return { draft, context, answers, position, items, saveState, saveError, open, close, flush, answer, move, setStage, setElderlyMode, journal, finalise };
});
