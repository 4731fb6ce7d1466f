import { z } from 'zod/mini';
import { boundedText, deviceRecordKindSchema, recordIdSchema, sha256Schema } from './records';
import { pushErrorCodeSchema } from './sync';

/**
 * Refused records: every `rejected` record and `conflict` version a push
 * answered is kept server-side, append-only, for the office to accept a corrected version of, or
 * to dismiss with a reason. The device learns the decision on its next pull, as a change of kind
 * `refusal_outcome` addressed to the user who pushed the record.
 */
export const refusalStatuses = ['rejected', 'conflict'] as const;
export const refusalStatusSchema = z.enum(refusalStatuses);

export const refusalDecisions = ['accepted', 'dismissed'] as const;
export const refusalDecisionSchema = z.enum(refusalDecisions);
export type RefusalDecision = z.infer<typeof refusalDecisionSchema>;

/** The change kind a device pulls when the office decided on one of its refused records. */
export const refusalOutcomeKind = 'refusal_outcome';

/** A payload above this many characters of JSON is kept as its size only, never in full. */
export const maxRefusalPayloadChars = 256 * 1024;

const isoTime = z.iso.datetime();

/** What a device pulls: which version of which record the office decided on, and how. */
export const refusalOutcomeSchema = z.object({
  refusalId: z.string().check(z.maxLength(100)),
  recordId: z.string().check(z.maxLength(100)),
  /** The refused version's hash; null when the record had no valid one. */
  recordHash: z.nullable(sha256Schema),
  decision: refusalDecisionSchema,
  /** Why it was dismissed (null when accepted). */
  reason: z.nullable(z.string().check(z.maxLength(500))),
  /** The new record the office stored when it accepted a corrected version. */
  correctedRecordId: z.nullable(recordIdSchema),
  decidedAt: isoTime,
});
export type RefusalOutcome = z.infer<typeof refusalOutcomeSchema>;

export const refusalDecisionDetailSchema = z.object({
  decision: refusalDecisionSchema,
  reason: z.nullable(z.string()),
  correctedRecordId: z.nullable(z.string()),
  decidedBy: z.object({ id: z.string(), name: z.string() }),
  decidedAt: isoTime,
});

export const refusalSummarySchema = z.object({
  id: z.string(),
  status: refusalStatusSchema,
  /** The id the record gave (cut to 100 characters; "" when it had none). */
  recordId: z.string(),
  /** Null when the record's envelope did not name a known kind. */
  kind: z.nullable(deviceRecordKindSchema),
  schemaVersion: z.nullable(z.int()),
  recordHash: z.nullable(z.string()),
  code: z.nullable(pushErrorCodeSchema),
  /** The server's reason, as the device showed it. */
  message: z.string(),
  deviceId: z.string(),
  pushedBy: z.object({ id: z.string(), username: z.string(), name: z.string() }),
  communityId: z.nullable(z.string()),
  subdistrictId: z.nullable(z.string()),
  receivedAt: isoTime,
  decision: z.nullable(refusalDecisionDetailSchema),
});
export type RefusalSummary = z.infer<typeof refusalSummarySchema>;

export const refusalListSchema = z.object({
  refusals: z.array(refusalSummarySchema),
  /** How many match the filters (the list holds at most `limit`). */
  total: z.int(),
});
export type RefusalList = z.infer<typeof refusalListSchema>;

/** A stored record version, as pushed. */
const storedVersionSchema = z.object({
  id: z.string(),
  kind: z.string(),
  schemaVersion: z.int(),
  hash: z.string(),
  data: z.record(z.string(), z.unknown()),
  authorId: z.string(),
  receivedAt: isoTime,
});

export const refusalDetailSchema = z.object({
  ...refusalSummarySchema.shape,
  /** The record as received; null when it was larger than the bound (see payloadChars). */
  payload: z.nullable(z.unknown()),
  payloadChars: z.int(),
  /** For a conflict: the version stored first, which this one conflicts with. */
  conflictsWith: z.nullable(storedVersionSchema),
  /** For an accepted one: the corrected record stored. */
  corrected: z.nullable(storedVersionSchema),
});
export type RefusalDetail = z.infer<typeof refusalDetailSchema>;

export const refusalListQuerySchema = z.object({
  /** `open`: not decided yet (the default); `decided`; or `all`. */
  state: z._default(z.enum(['open', 'decided', 'all']), 'open'),
  status: z.optional(refusalStatusSchema),
  kind: z.optional(deviceRecordKindSchema),
  communityId: z.optional(boundedText(100, 1)),
  deviceId: z.optional(boundedText(100, 1)),
  limit: z._default(z.coerce.number().check(z.int(), z.positive(), z.maximum(200)), 100),
});
export type RefusalListQuery = z.infer<typeof refusalListQuerySchema>;

/** The list's filters, as the office page sets them and the query carries them (the limit apart). */
export interface RefusalFilters {
  state: RefusalListQuery['state'];
  status?: RefusalListQuery['status'] | undefined;
  kind?: RefusalListQuery['kind'] | undefined;
  communityId?: string | undefined;
  deviceId?: string | undefined;
}

/** The summary fields a filter compares with the value it was given. */
const equalityFilters = ['status', 'kind', 'communityId', 'deviceId'] as const satisfies readonly (keyof RefusalFilters & keyof RefusalSummary)[];

/** One condition of the filters: a field equals a value, or a decision has (or has not) been taken. */
export type RefusalCondition = { field: (typeof equalityFilters)[number]; equals: string } | { field: 'decision'; present: boolean };

/**
 * The filters as conditions that all must hold: the server turns each into SQL, the app tests a
 * refusal it already holds against the same list, so the two never disagree on what a list shows.
 */
export function refusalConditions(filters: RefusalFilters): RefusalCondition[] {
  const decision: RefusalCondition[] = filters.state === 'all' ? [] : [{ field: 'decision', present: filters.state === 'decided' }];
  return [
    ...decision,
    ...equalityFilters.flatMap((field): RefusalCondition[] => {
      const value = filters[field];
      return value ? [{ field, equals: value }] : [];
    }),
  ];
}

/** Whether a refusal belongs in the list these filters select. */
export function matchesRefusalFilters(refusal: Pick<RefusalSummary, 'decision' | (typeof equalityFilters)[number]>, filters: RefusalFilters): boolean {
  return refusalConditions(filters).every((condition) => (condition.field === 'decision' ? (refusal.decision !== null) === condition.present : refusal[condition.field] === condition.equals));
}

export const refusalIdParams = z.object({ refusalId: boundedText(100, 1) });

/**
 * The office's corrected version: the record's data (its kind's current schema). The server sets
 * who stored it and when, and that it supersedes the refused record; the author stays the one
 * who collected it.
 */
export const acceptRefusalSchema = z.object({
  data: z.record(boundedText(100), z.unknown()).check(z.refine((data) => Object.keys(data).length <= 100, 'at most 100 fields')),
});
export type AcceptRefusal = z.infer<typeof acceptRefusalSchema>;

export const dismissRefusalSchema = z.object({
  reason: z.string().check(z.trim(), z.minLength(1, 'a reason is required'), z.maxLength(500)),
});
export type DismissRefusal = z.infer<typeof dismissRefusalSchema>;

export const refusalDecisionResponseSchema = z.object({ refusal: refusalSummarySchema });
