import { z } from 'zod/mini';
import { recordIdSchema } from '../records';
import { questionnaireDefinitionSchema, type QuestionnaireDefinition } from './definition';

/**
 * What a questionnaire draft is about, kept with its answers on the device only (the finalised
 * response never carries the address). It holds a copy of the definition it was started with, so
 * that the draft can be finished offline even after a newer version replaced it.
 */
export const interviewStages = ['questions', 'review', 'signature'] as const;
export type InterviewStage = (typeof interviewStages)[number];

export const interviewContextSchema = z.object({
  householdId: recordIdSchema,
  address: z.object({ building: z.string(), unit: z.string(), room: z.string() }),
  communityId: z.string(),
  subdistrictId: z.optional(z.string()),
  roundId: z.string(),
  /** When the resident agreed to take part. */
  consentAt: z.iso.datetime({ offset: true }),
  stage: z.enum(interviewStages),
  /** One question per screen, large type and read-aloud. */
  elderlyMode: z.boolean(),
  definition: questionnaireDefinitionSchema,
});
export type InterviewContext = z.infer<typeof interviewContextSchema>;

/** A stored draft's context, or undefined when it is not an interview this version can resume. */
export function interviewContextOf(context: unknown): InterviewContext | undefined {
  const parsed = interviewContextSchema.safeParse(context);
  return parsed.success ? parsed.data : undefined;
}

export interface NewInterview {
  household: { id: string; communityId: string; building: string; unit: string; room: string };
  subdistrictId: string | undefined;
  roundId: string;
  definition: QuestionnaireDefinition;
  consentAt: string;
}

/** What a new questionnaire is about: it starts at the questions, in the definition's mode. */
export function newInterviewContext(input: NewInterview): InterviewContext {
  const { household, definition } = input;
  return {
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
}
