import { z } from 'zod/mini';
import { finalisedAfterCreated, isoDate, provenance, referenceId, shortText } from '../fields';
import { blobHashesAt, type BlobField } from '../version';

export const deliberationLimits = { participants: 50, followUps: 100 } as const;

/** Version 1 of a session: free texts for the topic, the participants' roles and the legal opinions. */
export const schema = z
  .strictObject({
    ...provenance,
    communityId: referenceId,
    heldOn: isoDate,
    place: shortText(200),
    hostAdviserId: referenceId,
    topic: shortText(500),
    participants: z.array(z.strictObject({ role: shortText(100), count: z.int().check(z.nonnegative(), z.maximum(100_000)) })).check(z.maxLength(deliberationLimits.participants)),
    issuesRaised: shortText(5000),
    legalOpinions: shortText(5000),
    resolutions: shortText(5000),
    followUps: z
      .array(z.strictObject({ action: shortText(1000), owner: shortText(200), dueOn: isoDate }))
      .check(z.maxLength(deliberationLimits.followUps)),
  })
  .check(finalisedAfterCreated);
export type DeliberationDataV1 = z.infer<typeof schema>;

export const blobFields: readonly BlobField[] = [];
export const blobHashes = blobHashesAt(blobFields);
