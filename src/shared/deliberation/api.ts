import { z } from 'zod/mini';
import { boundedText, deliberationDataSchemaV2, recordIdSchema, sha256Schema } from '../records';
import { deliberationTopics, followUpStatuses, sessionLimits } from './vocabulary';

/**
 * The office's view of deliberation sessions: counts, sessions, overdue follow-ups, one session
 * with its signatures. The same schemas check the server's answers and type the client.
 */
const unitId = boundedText(100, 1);
const monthSchema = z.string().check(z.regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month YYYY-MM'));
/** A district holds 120 communities; a few sessions a month each for years stays far below this. */
const maxSessions = 100_000;

export const deliberationQuerySchema = z.object({
  subdistrictId: z.optional(unitId),
  communityId: z.optional(unitId),
  topic: z.optional(z.enum(deliberationTopics)),
  month: z.optional(monthSchema),
});
export type DeliberationQuery = z.infer<typeof deliberationQuerySchema>;

export const sessionSummarySchema = z.object({
  id: recordIdSchema,
  communityId: unitId,
  communityName: boundedText(200),
  subdistrictId: unitId,
  heldOn: boundedText(10),
  topic: z.enum(deliberationTopics),
  title: boundedText(500),
  attendees: z.int().check(z.nonnegative()),
  signatures: z.int().check(z.nonnegative()),
  followUps: z.int().check(z.nonnegative(), z.maximum(sessionLimits.followUps)),
  overdue: z.int().check(z.nonnegative(), z.maximum(sessionLimits.followUps)),
});
export type SessionSummary = z.infer<typeof sessionSummarySchema>;

export const followUpLineSchema = z.object({
  sessionId: recordIdSchema,
  communityId: unitId,
  title: boundedText(500),
  heldOn: boundedText(10),
  followUpIndex: z.int().check(z.nonnegative()),
  action: boundedText(1000),
  owner: boundedText(200),
  dueOn: boundedText(10),
  standing: z.enum(['done', 'overdue', 'due', 'open']),
  latest: z.optional(z.object({ status: z.enum(followUpStatuses), note: boundedText(2000), reportedOn: boundedText(10) })),
});

const count = (key: z.ZodMiniType<string>) => z.array(z.object({ key, count: z.int().check(z.nonnegative()) })).check(z.maxLength(maxSessions));

export const deliberationOverviewSchema = z.object({
  /** The day the standings were computed for (the server's date in the district's time zone). */
  today: boundedText(10),
  byCommunity: count(unitId),
  byTopic: count(z.enum(deliberationTopics)),
  byMonth: count(monthSchema),
  sessions: z.array(sessionSummarySchema).check(z.maxLength(maxSessions)),
  overdue: z.array(followUpLineSchema).check(z.maxLength(maxSessions)),
});
export type DeliberationOverview = z.infer<typeof deliberationOverviewSchema>;

export const sessionSignatureSchema = z.object({
  id: recordIdSchema,
  signerRole: z.enum(['resident', 'attendee', 'host']),
  signerName: z.optional(boundedText(100)),
  signedAt: boundedText(40),
  blobHash: z.optional(sha256Schema),
  /** False when the signature no longer matches the session as stored (it never should). */
  valid: z.boolean(),
});

export const sessionDetailSchema = z.object({
  id: recordIdSchema,
  hash: sha256Schema,
  communityName: boundedText(200),
  subdistrictId: unitId,
  hostName: boundedText(200),
  /** The session's data at the current version (an older one is upgraded; its hash is of the record as made). */
  data: deliberationDataSchemaV2,
  signatures: z.array(sessionSignatureSchema).check(z.maxLength(1000)),
  followUps: z.array(followUpLineSchema).check(z.maxLength(sessionLimits.followUps)),
});
export type SessionDetail = z.infer<typeof sessionDetailSchema>;
