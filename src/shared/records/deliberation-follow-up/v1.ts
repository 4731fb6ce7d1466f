import { z } from 'zod/mini';
import { photoSchema } from '../../photos';
import { sessionLimits, followUpStatuses } from '../deliberation/vocabulary';
import { finalisedAfterCreated, isoDate, provenance, recordIdSchema, referenceId, sha256Schema, shortText } from '../fields';
import { blobHashesAt, type BlobField } from '../version';

/**
 * How one follow-up action of a signed session stands, reported later as its own record: the
 * signed session never changes. `followUpIndex` is the action's position in the session's list.
 */
export const schema = z
  .strictObject({
    ...provenance,
    communityId: referenceId,
    sessionId: recordIdSchema,
    sessionHash: sha256Schema,
    followUpIndex: z.int().check(z.nonnegative(), z.maximum(sessionLimits.followUps - 1)),
    status: z.enum(followUpStatuses),
    note: shortText(2000),
    reportedOn: isoDate,
    photo: z.optional(photoSchema),
  })
  .check(finalisedAfterCreated);

export const blobFields: readonly BlobField[] = [{ field: 'photo', holds: 'photo' }];
export const blobHashes = blobHashesAt(blobFields);
