import { defineStore } from 'pinia';
import { v7 as uuidv7 } from 'uuid';
import { ref } from 'vue';
import { interviewContextOf, newInterviewContext, type InterviewContext, type NewInterview } from '../../shared/questionnaire/interview';
import type { StoredDraft } from '../db/database';
import { deleteDraft, listDrafts, putDraft } from '../db/drafts';

export interface DraftSummary {
  id: string;
  context: InterviewContext;
  answered: number;
  updatedAt: string;
}

/** Unfinished questionnaires on this device: listed, started and discarded here. */
export const useDraftsStore = defineStore('drafts', () => {
  const drafts = ref<DraftSummary[]>([]);

  async function load(): Promise<void> {
    const stored = await listDrafts('response');
    drafts.value = stored.flatMap((draft) => {
      const context = interviewContextOf(draft.context);
      return context ? [{ id: draft.id, context, answered: Object.keys(draft.answers).length, updatedAt: draft.updatedAt }] : [];
    });
  }

  /** Starts a questionnaire for a household; the draft id becomes the response's id. */
  async function start(input: NewInterview, now: Date = new Date()): Promise<string> {
    const at = now.toISOString();
    const draft: StoredDraft = {
      id: uuidv7(),
      shape: 1,
      kind: 'response',
      formId: input.definition.id,
      formVersion: input.definition.version,
      answers: {},
      position: 0,
      context: newInterviewContext(input),
      createdAt: at,
      updatedAt: at,
    };
    await putDraft(draft);
    return draft.id;
  }

  async function discard(id: string): Promise<void> {
    await deleteDraft(id);
    drafts.value = drafts.value.filter((draft) => draft.id !== id);
  }

  return { drafts, load, start, discard };
});
