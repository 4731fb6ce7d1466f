import { z } from 'zod/mini';
import { finalisedAfterCreated, isoTime, provenance, recordIdSchema, referenceId, sha256Schema, shortText } from '../fields';
import { deviceRecordKindSchema } from '../kinds';
import { blobHashesAt, type BlobField } from '../version';

/** Binds a signature image (a blob) to the hash of the content signed; or records why there is none. */
export const schema = z
  .strictObject({
    ...provenance,
    communityId: referenceId,
    signedRecordId: recordIdSchema,
    signedRecordKind: deviceRecordKindSchema,
    signedHash: sha256Schema,
    signedAt: isoTime,
    signerRole: z.enum(['resident', 'attendee', 'host']),
    signerName: z.optional(shortText(100)),
    blobHash: z.optional(sha256Schema),
    declinedReason: z.optional(shortText(500)),
  })
  .check(
    finalisedAfterCreated,
    z.refine((data) => (data.blobHash !== undefined) !== (data.declinedReason !== undefined && data.declinedReason.trim() !== ''), {
      message: 'a signature has either an image (blobHash) or a reason for declining, not both or neither',
      path: ['blobHash'],
    }),
  );

/** The image, when the signer signed rather than declined. */
export const blobFields: readonly BlobField[] = [{ field: 'blobHash', holds: 'hash' }];
export const blobHashes = blobHashesAt(blobFields);
