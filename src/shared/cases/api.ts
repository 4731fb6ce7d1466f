import { z } from 'zod/mini';
import { roundIdSchema } from '../organisation';
import { boundedText, recordIdSchema, sha256Schema } from '../records';
import { caseActionSchema, caseStateSchema } from './machine';

/**
 * The negative list and its cases as the server answers them: one definition for the
 * server's routes, the OpenAPI document and the office pages.
 */

const id = boundedText(200, 1);
const isoTime = z.iso.datetime({ offset: true });
const isoDate = z.iso.date();
/** Responses behind one item: a community's dissatisfied answers on one indicator stay well below this. */
export const maxResponsesPerItem = 5000;
export const maxItemsPerCase = 200;
export const maxEvidencePerEvent = 10;

export const negativeItemSources = ['dissatisfied', 'concern', 'comment'] as const;
export const negativeItemSourceSchema = z.enum(negativeItemSources);
export type NegativeItemSource = z.infer<typeof negativeItemSourceSchema>;

/** What residents said, with where (sub-district, community) but never the address or the resident. */
export const negativeItemSchema = z.object({
  id,
  roundId: roundIdSchema,
  subdistrictId: id,
  communityId: id,
  source: negativeItemSourceSchema,
  /** The satisfaction indicator answered "dissatisfied" (dissatisfied items). */
  indicatorId: z.nullable(id),
  /** The hot-issue category, when the answer names one or the indicator belongs to one. */
  category: z.nullable(id),
  /** The resident's own words (comments). */
  text: z.nullable(boundedText(2000)),
  responseCount: z.int().check(z.positive()),
  responseIds: z.array(recordIdSchema).check(z.maxLength(maxResponsesPerItem)),
  caseId: z.nullable(id),
  /** Set when a rebuild found none of its responses still counted (voided or superseded): the words stand withdrawn. */
  withdrawnAt: z.nullable(isoTime),
});
export type NegativeItem = z.infer<typeof negativeItemSchema>;

export const negativeItemListSchema = z.object({
  roundId: roundIdSchema,
  items: z.array(negativeItemSchema).check(z.maxLength(100_000)),
});

export const negativeItemQuerySchema = z.object({
  /** Only the items no case holds yet and not withdrawn (what is left to triage). */
  untriaged: z.optional(z.enum(['true', 'false'])),
  subdistrictId: z.optional(id),
});

export const buildNegativeListSchema = z.object({ roundId: roundIdSchema, items: z.int(), responses: z.int() });

export const caseSchema = z.object({
  id,
  roundId: roundIdSchema,
  title: boundedText(200, 1),
  category: id,
  state: caseStateSchema,
  subdistrictId: id,
  communityIds: z.array(id).check(z.maxLength(maxItemsPerCase)),
  departmentId: z.nullable(id),
  dueOn: z.nullable(isoDate),
  overdue: z.boolean(),
  itemIds: z.array(id).check(z.maxLength(maxItemsPerCase)),
  createdAt: isoTime,
  updatedAt: isoTime,
  assignedAt: z.nullable(isoTime),
  reportedFixedAt: z.nullable(isoTime),
  departmentAcceptedAt: z.nullable(isoTime),
  closedAt: z.nullable(isoTime),
});
export type Case = z.infer<typeof caseSchema>;

/** Steps outside the state machine that an event also records: a case made from items, items split off. */
export const caseEventActionSchema = z.union([caseActionSchema, z.enum(['create', 'split'])]);

/** One step of a case's history: append-only. */
export const caseEventSchema = z.object({
  id,
  caseId: id,
  at: isoTime,
  userId: z.nullable(id),
  role: z.nullable(id),
  action: caseEventActionSchema,
  fromState: z.nullable(caseStateSchema),
  toState: caseStateSchema,
  note: z.nullable(boundedText(2000)),
  evidence: z.array(sha256Schema).check(z.maxLength(maxEvidencePerEvent)),
});
export type CaseEvent = z.infer<typeof caseEventSchema>;

export const caseDetailSchema = z.object({ case: caseSchema, events: z.array(caseEventSchema).check(z.maxLength(10_000)), items: z.array(negativeItemSchema).check(z.maxLength(maxItemsPerCase)) });
export type CaseDetail = z.infer<typeof caseDetailSchema>;

/** Which cases: the filters a list page and an export share. */
export const caseFilterSchema = z.object({
  roundId: z.optional(roundIdSchema),
  state: z.optional(caseStateSchema),
  category: z.optional(id),
  communityId: z.optional(id),
  subdistrictId: z.optional(id),
  /** Cases due on or before this date. */
  dueBefore: z.optional(isoDate),
  overdue: z.optional(z.enum(['true', 'false'])),
});
export type CaseFilter = z.infer<typeof caseFilterSchema>;

/** A list page holds at most this many cases; without `limit` it holds `defaultCasePageSize`. */
export const maxCasePageSize = 200;
export const defaultCasePageSize = 50;
/** Offsets beyond this are refused: no scope holds that many cases, and a bound keeps the query bounded. */
const maxCaseOffset = 1_000_000;

/** A page of the filtered cases in work order (overdue first, then due soonest, then newest). */
export const caseQuerySchema = z.object({
  ...caseFilterSchema.shape,
  limit: z.optional(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(maxCasePageSize))),
  offset: z.optional(z.coerce.number().check(z.int(), z.minimum(0), z.maximum(maxCaseOffset))),
});
export type CaseQuery = z.infer<typeof caseQuerySchema>;

export const caseListSchema = z.object({
  cases: z.array(caseSchema).check(z.maxLength(maxCasePageSize)),
  /** How many cases match the filters in the user's scope, on all pages. */
  total: z.int(),
  offset: z.int(),
  limit: z.int(),
  /** The offset of the next page; null on the last. */
  nextOffset: z.nullable(z.int()),
});
export type CaseList = z.infer<typeof caseListSchema>;

/** A home badge's counts (see badges.ts), for the user's role and scope. */
export const caseBadgeSchema = z.object({ today: isoDate, new: z.int(), dueSoon: z.int(), overdue: z.int() });
export type CaseBadge = z.infer<typeof caseBadgeSchema>;

/** Merge: one case from one or more untriaged items of one round and sub-district. */
export const newCaseSchema = z.object({
  itemIds: z.array(id).check(z.minLength(1), z.maxLength(maxItemsPerCase)),
  title: boundedText(200, 1),
  category: id,
});

/** Split: these items of a new case become a case of their own. */
export const splitCaseSchema = z.object({
  itemIds: z.array(id).check(z.minLength(1), z.maxLength(maxItemsPerCase)),
  title: boundedText(200, 1),
});

export const caseTransitionSchema = z.object({
  action: caseActionSchema,
  note: z.optional(boundedText(2000)),
  /** Photos and documents, uploaded first as blobs by hash. */
  evidence: z.optional(z.array(sha256Schema).check(z.maxLength(maxEvidencePerEvent))),
  /** assign: the due date (default per category); categorise: a new category. */
  dueOn: z.optional(isoDate),
  category: z.optional(id),
  /** escalate: the department called on. */
  departmentId: z.optional(id),
});
export type CaseTransition = z.infer<typeof caseTransitionSchema>;

/** `active` false: the department keeps its cases but takes no new escalation (absent from older servers: active). */
export const departmentSchema = z.object({ id, nameZh: boundedText(100, 1), nameEn: boundedText(200, 1), synthetic: z.boolean(), active: z.optional(z.boolean()) });
export type Department = z.infer<typeof departmentSchema>;
export const departmentListSchema = z.object({ departments: z.array(departmentSchema).check(z.maxLength(1000)) });
export const departmentUpdateSchema = z.object({ nameZh: boundedText(100, 1), nameEn: boundedText(200, 1) });

/** Per sub-district: open (waiting on it or a department), overdue, reported fixed, confirmed. */
export const caseCountsSchema = z.object({
  subdistrictId: id,
  open: z.int(),
  overdue: z.int(),
  fixed: z.int(),
  confirmed: z.int(),
});
export type CaseCounts = z.infer<typeof caseCountsSchema>;
export const caseCountListSchema = z.object({ today: isoDate, counts: z.array(caseCountsSchema).check(z.maxLength(1000)) });

/** A re-visit task pulled by the community's grid workers when a case is reported fixed. */
export const revisitTaskSchema = z.object({
  id,
  caseId: id,
  communityId: id,
  roundId: roundIdSchema,
  title: boundedText(200, 1),
  category: id,
  /** What residents had said, and what the sub-district reports it did. */
  complaints: z.array(boundedText(2000)).check(z.maxLength(20)),
  report: z.nullable(boundedText(2000)),
  reportedFixedAt: isoTime,
});
export type RevisitTask = z.infer<typeof revisitTaskSchema>;

export const caseIdParams = z.object({ caseId: id });
