import { z } from 'zod/mini';
import { recordIdSchema } from '../records';
import { questionnaireDefinitionSchema } from './definition';

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
