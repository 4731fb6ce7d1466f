import { z } from 'zod/mini';
import { photoSchema } from '../../photos';
import { finalisedAfterCreated, isoDate, provenance, referenceId, shortText } from '../fields';
import { blobHashesAt, type BlobField, type Data } from '../version';
import type { DeliberationDataV1 } from './v1';
import { deliberationTopics, participantKinds, sessionLimits } from './vocabulary';

const clockTime = z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time of day HH:MM'));

/**
 * Version 2 of a session: times, co-hosts, a topic category with a title, participants by kind
 * (with optional names), legal opinions with the laws cited, follow-ups, photos and an optional
 * negative-list case. Attendees and the host sign it by signature records bound to its hash.
 */
export const schema = z
  .strictObject({
    ...provenance,
    communityId: referenceId,
    heldOn: isoDate,
    /** Absent only on sessions recorded before version 2, which had no times. */
    startsAt: z.optional(clockTime),
    endsAt: z.optional(clockTime),
    place: shortText(200),
    hostAdviserId: referenceId,
    coHosts: z.array(shortText(100)).check(z.maxLength(sessionLimits.coHosts)),
    topic: z.enum(deliberationTopics),
    title: shortText(500),
    participants: z
      .array(
        z.strictObject({
          kind: z.enum(participantKinds),
          count: z.int().check(z.nonnegative(), z.maximum(100_000)),
          names: z.array(shortText(100)).check(z.maxLength(sessionLimits.namesPerGroup)),
          /** What a group of `others` is (and version 1's free-text role). */
          note: z.optional(shortText(100)),
        }),
      )
      .check(z.maxLength(sessionLimits.participantGroups)),
    issuesRaised: shortText(5000),
    legalOpinions: z
      .array(
        z.strictObject({
          opinion: shortText(5000),
          citations: z.array(z.strictObject({ law: shortText(200), article: shortText(100) })).check(z.maxLength(sessionLimits.citationsPerOpinion)),
        }),
      )
      .check(z.maxLength(sessionLimits.legalOpinions)),
    resolutions: shortText(5000),
    followUps: z.array(z.strictObject({ action: shortText(1000), owner: shortText(200), dueOn: isoDate })).check(z.maxLength(sessionLimits.followUps)),
    photos: z.array(photoSchema).check(z.maxLength(sessionLimits.photos)),
    /** A case of the negative list this session took up; opaque until cases are their own records. */
    negativeListCaseId: z.optional(shortText(100)),
  })
  .check(
    finalisedAfterCreated,
    z.refine((data) => !data.startsAt || !data.endsAt || data.endsAt >= data.startsAt, { message: 'must not be before startsAt', path: ['endsAt'] }),
  );

/**
 * Version 1 had free texts for the topic, participants' roles and legal opinions: the topic becomes
 * the title under "other", each role a group of others named by it, the opinions one opinion.
 */
export function up(previous: Data): Data {
  const { topic, participants, legalOpinions, ...kept } = previous as DeliberationDataV1;
  return {
    ...kept,
    coHosts: [],
    topic: 'other',
    title: topic,
    participants: participants.map(({ role, count }) => ({ kind: 'others', count, names: [], note: role.slice(0, 100) })),
    legalOpinions: legalOpinions.trim() === '' ? [] : [{ opinion: legalOpinions, citations: [] }],
    photos: [],
  };
}

export const blobFields: readonly BlobField[] = [{ field: 'photos', holds: 'photos' }];
export const blobHashes = blobHashesAt(blobFields);
