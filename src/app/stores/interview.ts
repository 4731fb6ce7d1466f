import { defineStore } from 'pinia';
import { v7 as uuidv7 } from 'uuid';
import { computed, ref, shallowRef } from 'vue';
import { completedInterviewRecords } from '../../shared/fieldwork/records';
import { itemsForSubdistrict } from '../../shared/questionnaire/definition';
import type { AnswerValue } from '../../shared/questionnaire/form';
import { interviewContextOf, type InterviewContext, type InterviewStage } from '../../shared/questionnaire/interview';
import { createDraftSession } from '../composables/draft-session';
import { deviceId } from '../db/device';
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
  const context = shallowRef<InterviewContext | undefined>(undefined);
  const answers = shallowRef<Record<string, AnswerValue>>({});
  const position = ref(0);

  const items = computed(() => (context.value ? itemsForSubdistrict(context.value.definition, context.value.subdistrictId) : []));

  // Any change to what a draft holds is saved: no caller has to remember to ask for it.
  const session = createDraftSession({
    measureName: 'survey:draft',
    watched: [answers, position, context],
    read: (stored) => interviewContextOf(stored.context),
    load: (opened) => {
      context.value = opened?.state;
      if (!opened) return;
      answers.value = { ...(opened.stored.answers as Record<string, AnswerValue>) };
      position.value = opened.stored.position;
    },
    snapshot: (draft, now) => (context.value ? { ...draft, answers: answers.value, position: position.value, context: context.value, updatedAt: now.toISOString() } : undefined),
  });
  const { draft, saveState, saveError, open, close, flush, journal } = session;

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
    await flush();
  }

  function setElderlyMode(on: boolean): void {
    if (context.value) context.value = { ...context.value, elderlyMode: on };
  }

  /**
   * Finalises the response, its signature record (with the image blob) and the completed visit in
   * one transaction, and removes the draft. Returns the response id.
   */
  async function finalise(signature: SignatureOutcome, now: Date = new Date()): Promise<string> {
    await flush();
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
    await session.finish(records, blobs);
    return current.id;
  }

  return { draft, context, answers, position, items, saveState, saveError, open, close, flush, answer, move, setStage, setElderlyMode, journal, finalise };
});
