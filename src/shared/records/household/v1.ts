import { z } from 'zod/mini';
import { finalisedAfterCreated, provenance, referenceId, shortText } from '../fields';
import { blobHashesAt, type BlobField } from '../version';

/** A household on the register: where it is, never who lives there. */
export const schema = z
  .strictObject({
    ...provenance,
    communityId: referenceId,
    building: shortText(40),
    unit: shortText(40),
    room: shortText(40),
    notes: z.optional(shortText(500)),
  })
  .check(finalisedAfterCreated);

export const blobFields: readonly BlobField[] = [];
export const blobHashes = blobHashesAt(blobFields);
