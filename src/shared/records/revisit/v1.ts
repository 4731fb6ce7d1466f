import { z } from 'zod/mini';
import { finalisedAfterCreated, provenance, recordIdSchema, referenceId, shortText } from '../fields';
import { blobHashesAt, type BlobField } from '../version';

export const revisitOutcomes = ['improved', 'partly', 'not_improved'] as const;
export const revisitOutcomeSchema = z.enum(revisitOutcomes);
export type RevisitOutcome = z.infer<typeof revisitOutcomeSchema>;

/**
 * Back at the door after a case was reported fixed: what the residents said, which confirms the
 * case or reopens it when the server receives it.
 */
export const schema = z
  .strictObject({
    ...provenance,
    communityId: referenceId,
    caseId: recordIdSchema,
    outcome: revisitOutcomeSchema,
    residentsAsked: z.int().check(z.positive(), z.maximum(1000)),
    comment: z.optional(shortText(1000)),
  })
  .check(finalisedAfterCreated);

export const blobFields: readonly BlobField[] = [];
export const blobHashes = blobHashesAt(blobFields);
