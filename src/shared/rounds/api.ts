import { z } from 'zod/mini';
import { roundIdSchema } from '../organisation';
import { evaluationLevelSchema } from '../questionnaire/definition';
import { audienceSchema } from '../records';
import { scoringChannelSchema, scoringSettingsSchema } from '../scoring/settings';
import { roundActionSchema, roundStateSchema } from './lifecycle';
import { compositeFields, isoTime, nullableNumber, scoreLevelSchema, shortText } from './public-api';

/** Shapes of the rounds and scores API, shared by the server and the office pages; the public page's are in public-api.ts. */

const reasonSchema = z.string().check(z.maxLength(500), z.refine((reason) => reason.trim() !== '', 'a reason is required'));

export const roundSummarySchema = z.object({
  id: roundIdSchema,
  startsOn: z.iso.date(),
  endsOn: z.iso.date(),
  state: roundStateSchema,
  settingsVersion: z.int(),
  /** Generated demo data, shown as such wherever the round appears. */
  synthetic: z.boolean(),
  openedAt: z.nullable(isoTime),
  closedAt: z.nullable(isoTime),
  publishedAt: z.nullable(isoTime),
});
export type RoundSummary = z.infer<typeof roundSummarySchema>;

export const roundListSchema = z.object({ rounds: z.array(roundSummarySchema).check(z.maxLength(200)) });

export const roundCountsSchema = z.object({
  /** Responses stored for the round, counted or not. */
  received: z.int(),
  counted: z.int(),
  late: z.int(),
  latePending: z.int(),
  lateAdmitted: z.int(),
  lateExcluded: z.int(),
  voided: z.int(),
});
export type RoundCounts = z.infer<typeof roundCountsSchema>;

export const roundEventSchema = z.object({
  at: isoTime,
  userId: z.nullable(z.string().check(z.maxLength(64))),
  action: z.string().check(z.maxLength(40)),
  fromState: z.nullable(roundStateSchema),
  toState: roundStateSchema,
  settingsVersion: z.int(),
  reason: z.nullable(z.string().check(z.maxLength(500))),
});
export type RoundEvent = z.infer<typeof roundEventSchema>;

export const roundDetailSchema = z.object({
  ...roundSummarySchema.shape,
  settings: scoringSettingsSchema,
  counts: roundCountsSchema,
  history: z.array(roundEventSchema).check(z.maxLength(1000)),
});
export type RoundDetail = z.infer<typeof roundDetailSchema>;

export const newRoundSchema = z.object({ id: roundIdSchema, settings: z.optional(scoringSettingsSchema) });
export const roundSettingsUpdateSchema = z.object({ settings: scoringSettingsSchema });
export const roundTransitionSchema = z.object({ action: roundActionSchema, reason: z.optional(reasonSchema) });
export const voidResponseSchema = z.object({ reason: reasonSchema });
export const lateDecisionSchema = z.object({ decision: z.enum(['admitted', 'excluded']), reason: z.optional(reasonSchema) });
export type LateDecision = z.infer<typeof lateDecisionSchema>['decision'];

export const lateResponseSchema = z.object({
  responseId: z.string().check(z.maxLength(64)),
  communityId: z.string().check(z.maxLength(64)),
  /** Whose questionnaire it is and who brought it, so the supervisor can ask before deciding. */
  audience: audienceSchema,
  channel: scoringChannelSchema,
  authorName: z.nullable(z.string().check(z.maxLength(100))),
  receivedAt: isoTime,
  decision: z.nullable(z.enum(['admitted', 'excluded'])),
});
export type LateResponse = z.infer<typeof lateResponseSchema>;
export const lateResponsesSchema = z.object({ roundId: roundIdSchema, responses: z.array(lateResponseSchema).check(z.maxLength(100_000)) });


export const proportionSchema = z.object({ trials: z.int(), hits: z.int(), share: z.number(), ciLow: z.number(), ciHigh: z.number() });

export const cellScoreSchema = z.object({ channel: scoringChannelSchema, audience: audienceSchema, n: z.int(), mean: nullableNumber, sd: nullableNumber, ciLow: nullableNumber, ciHigh: nullableNumber });
export type CellScore = z.infer<typeof cellScoreSchema>;

/**
 * One channel's part of a unit's score: its cells combined with the round's audience
 * weights, shown beside the other channel's; `weight` is the channel's share in the unit's score.
 */
export const channelScoreSchema = z.object({ channel: scoringChannelSchema, weight: z.number(), ...compositeFields });
export type ChannelScore = z.infer<typeof channelScoreSchema>;

export const unitScoresSchema = z.object({
  unitId: shortText(64),
  name: shortText(100),
  /** The sub-district a community belongs to; the unit itself at sub-district level. */
  subdistrictId: shortText(64),
  ...compositeFields,
  /** Design-based: a sub-district's field cells with its communities as clusters, a community's with the interviewer design effect. */
  se: nullableNumber,
  /** (SE ÷ the SE if every respondent were an independent draw)². */
  designEffect: nullableNumber,
  /** n ÷ design effect: as many independent draws would be as precise. */
  effectiveN: nullableNumber,
  rankBest: z.nullable(z.int()),
  rankWorst: z.nullable(z.int()),
  /** The unit's point on the funnel plot: its positive composite, design-based SE and x = σ_d²/SE² (an effective n). */
  funnel: z.nullable(z.object({ score: z.number(), se: z.number(), x: z.number() })),
  /** Beyond the funnel's 99.8% limits at its x (SCORING.md "Funnel with over-dispersion"): exactly the points drawn outside them. */
  outlier: z.nullable(z.enum(['above', 'below'])),
  parts: z.object({ positive: nullableNumber, special: nullableNumber, deduction: z.number() }),
  noOpinionOnly: z.int(),
  cells: z.array(cellScoreSchema).check(z.maxLength(6)),
  /** Field and online side by side, each from its own cells; `score` combines them with the channel weights. */
  channels: z.array(channelScoreSchema).check(z.maxLength(2)),
  dimensions: z.array(z.object({ dimensionId: shortText(64), ...compositeFields })).check(z.maxLength(20)),
  indicators: z.array(z.object({ indicatorId: shortText(64), ...compositeFields, dissatisfaction: z.nullable(proportionSchema) })).check(z.maxLength(200)),
  levels: z.array(z.object({ level: evaluationLevelSchema, ...compositeFields })).check(z.maxLength(3)),
  dissatisfaction: z.nullable(proportionSchema),
  hotIssues: z.array(z.object({ choiceId: shortText(64), ...proportionSchema.shape })).check(z.maxLength(50)),
});
export type UnitScoresAnswer = z.infer<typeof unitScoresSchema>;
export type HotIssueShare = UnitScoresAnswer['hotIssues'][number];

export const roundScoresSchema = z.object({
  roundId: roundIdSchema,
  settingsVersion: z.int(),
  level: scoreLevelSchema,
  synthetic: z.boolean(),
  /** The funnel plot's target θ₀, respondent-score variance σ_d², φ and τ²; the limits at x follow from funnelLimits. */
  funnel: z.nullable(z.object({ target: z.number(), variance: z.number(), phi: z.number(), tau2: z.number() })),
  units: z.array(unitScoresSchema).check(z.maxLength(2000)),
});
export type RoundScores = z.infer<typeof roundScoresSchema>;

/** Fieldwork against quotas while a round is open: per community and audience, and per worker. */
export const fieldworkProgressSchema = z.object({
  roundId: roundIdSchema,
  communities: z
    .array(z.object({ communityId: shortText(64), communityName: shortText(100), subdistrictId: shortText(64), audience: audienceSchema, target: z.int(), received: z.int() }))
    .check(z.maxLength(2000)),
  workers: z.array(z.object({ authorId: shortText(64), name: z.nullable(z.string().check(z.maxLength(100))), received: z.int() })).check(z.maxLength(5000)),
});
export type FieldworkProgress = z.infer<typeof fieldworkProgressSchema>;

/** Each round's district-level figures, for the trend across rounds. */
export const roundTrendSchema = z.object({
  rounds: z
    .array(
      z.object({
        roundId: roundIdSchema,
        state: roundStateSchema,
        units: z.array(z.object({ unitId: shortText(64), score: nullableNumber, ciLow: nullableNumber, ciHigh: nullableNumber, n: z.int() })).check(z.maxLength(20)),
      }),
    )
    .check(z.maxLength(100)),
});
export type RoundTrend = z.infer<typeof roundTrendSchema>;

/** The files of GET /api/rounds/{roundId}/export/{file}. */
export const exportFiles = ['scores.xlsx', 'scores.csv', 'responses.csv', 'responses.xlsx', 'codebook.csv', 'round.json'] as const;
export type ExportFile = (typeof exportFiles)[number];
