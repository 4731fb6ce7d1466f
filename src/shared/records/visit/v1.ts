import { z } from 'zod/mini';
import { finalisedAfterCreated, isoDate, provenance, recordIdSchema, referenceId, roundIdSchema, shortText } from '../fields';
import { blobHashesAt, type BlobField } from '../version';

export const visitOutcomes = ['completed', 'nobody_home', 'refused', 'moved', 'come_back_later'] as const;
export const visitOutcomeSchema = z.enum(visitOutcomes);
export type VisitOutcome = z.infer<typeof visitOutcomeSchema>;

/** Where the worker went and what happened; links to the response by id only. */
export const schema = z
  .strictObject({
    ...provenance,
    householdId: recordIdSchema,
    communityId: referenceId,
    roundId: roundIdSchema,
    outcome: visitOutcomeSchema,
    revisitOn: z.optional(isoDate),
    responseId: z.optional(recordIdSchema),
    notes: z.optional(shortText(500)),
  })
  .check(finalisedAfterCreated);

export const blobFields: readonly BlobField[] = [];
export const blobHashes = blobHashesAt(blobFields);
