import { z } from 'zod/mini';
import { onlineSubmissionSchema, onlineSurveySchema } from '../../../../shared/online';
import { audienceSchema } from '../../../../shared/records';

/** The answers being given, kept after every change. */
export const onlineDraftSchema = z.object({
  audience: audienceSchema,
  elderlyMode: z.boolean(),
  startedAt: z.string().check(z.maxLength(40)),
  position: z.int().check(z.nonnegative(), z.maximum(1000)),
  answers: onlineSubmissionSchema.def.shape.answers,
  honeypot: z.string().check(z.maxLength(200)),
});

/** What the resident's page keeps for a round and community, as its first release wrote it. */
export const schema = z.object({
  version: z.literal(1),
  survey: z.optional(onlineSurveySchema),
  draft: z.optional(onlineDraftSchema),
  /** Finished answers waiting for the server; kept until it confirms them. */
  pending: z.optional(onlineSubmissionSchema),
  /** When the server confirmed this phone's answers for the round and community. */
  sentAt: z.optional(z.string().check(z.maxLength(40))),
});
