import { defineStore } from 'pinia';
import { v7 as uuidv7 } from 'uuid';
import { ref } from 'vue';
import type { QuestionnaireDefinition } from '../../shared/questionnaire/definition';
import { interviewContextSchema, type InterviewContext } from '../../shared/questionnaire/interview';
import type { StoredDraft } from '../db/database';
import { deleteDraft, listDrafts, putDraft } from '../db/drafts';
import type { Household } from './fieldwork';

export interface DraftSummary {
  id: string;
  context: InterviewContext;
  answered: number;
  updatedAt: string;
}

export interface NewInterview {
  household: Household;
  subdistrictId: string | undefined;
  roundId: string;
  definition: QuestionnaireDefinition;
  consentAt: string;
}

/** A stored draft's context, or undefined when it is not an interview this app can resume. */
export function interviewContextOf(draft: StoredDraft): InterviewContext | undefined {
  const parsed = interviewContextSchema.safeParse(draft.context);
  return parsed.success ? parsed.data : undefined;
}

/** Unfinished questionnaires on this device: listed, started and discarded here. */
export const useDraftsStore = defineStore('drafts', () => {
  const drafts = ref<DraftSummary[]>([]);

  async function load(): Promise<void> {
    const stored = await listDrafts('response');
    drafts.value = stored.flatMap((draft) => {
      const context = interviewContextOf(draft);
      return context ? [{ id: draft.id, context, answered: Object.keys(draft.answers).length, updatedAt: draft.updatedAt }] : [];
    });
  }

  /** Starts a questionnaire for a household; the draft id becomes the response's id. */
  async function start(input: NewInterview, now: Date = new Date()): Promise<string> {
    const { household, definition } = input;
    const context: InterviewContext = {
      householdId: household.id,
      address: { building: household.building, unit: household.unit, room: household.room },
      communityId: household.communityId,
      ...(input.subdistrictId ? { subdistrictId: input.subdistrictId } : {}),
      roundId: input.roundId,
      consentAt: input.consentAt,
      stage: 'questions',
      elderlyMode: definition.elderlyMode ?? false,
      definition,
    };
    const at = now.toISOString();
    const draft: StoredDraft = {
      id: uuidv7(),
      shape: 1,
      kind: 'response',
      formId: definition.id,
      formVersion: definition.version,
      answers: {},
      position: 0,
      context,
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
