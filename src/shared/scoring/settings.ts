import { z } from 'zod/mini';
import framework from '../reference/evaluation-framework.json';
import { audienceSchema } from '../records';

/**
 * A round's scoring settings (SCORING.md "Defaults (per round)"). The case does not publish its
 * weights, so every number here is a default that a round stores, an administrator may edit while
 * the round is a draft, and every published figure names. Pages and the server read them from the
 * round; nothing else hard-codes them.
 */

const weightSchema = z.number().check(z.gte(0), z.lte(1000));
const probabilitySchema = z.number().check(z.gt(0.5), z.lt(1));
const idSchema = z.string().check(z.minLength(1), z.maxLength(64));

const indicatorWeightSchema = z.object({ id: idSchema, weight: weightSchema });

const dimensionSettingsSchema = z.object({
  id: idSchema,
  weight: weightSchema,
  indicators: z.array(indicatorWeightSchema).check(z.minLength(1), z.maxLength(50)),
});
export type DimensionSettings = z.infer<typeof dimensionSettingsSchema>;

const scaleScoreSchema = z.object({
  optionId: idSchema,
  /** 0-100; null for answers left out of scores ("no opinion"). */
  score: z.nullable(z.number().check(z.gte(0), z.lte(100))),
});

/** Channels that carry a cell weight: paper questionnaires are field work (DOMAIN.md "Channels"). */
export const scoringChannels = ['field', 'online'] as const;
export const scoringChannelSchema = z.enum(scoringChannels);
export type ScoringChannel = z.infer<typeof scoringChannelSchema>;

export const scoringSettingsSchema = z
  .object({
    /** The shape's version, so that stored settings can be upgraded when read. */
    schemaVersion: z.literal(1),
    /** Score of each satisfaction answer (evaluation-framework.json's scale by default). */
    scale: z.array(scaleScoreSchema).check(z.minLength(2), z.maxLength(12)),
    /** The answers that count as dissatisfied for the dissatisfaction rate (SCORING.md step 4). */
    dissatisfiedOptionIds: z.array(idSchema).check(z.minLength(1), z.maxLength(12)),
    /** Dimensions with their weight and their indicators' weights within the dimension. */
    dimensions: z.array(dimensionSettingsSchema).check(z.minLength(1), z.maxLength(20)),
    /** A cell's weight is channel weight × audience weight. */
    channelWeights: z.record(scoringChannelSchema, weightSchema),
    audienceWeights: z.record(audienceSchema, weightSchema),
    /** composite = (1 − specialWeight) × positive + specialWeight × special, when special is present. */
    specialWeight: z.number().check(z.gte(0), z.lte(1)),
    /** Points deducted per overdue negative-list item, and the most deducted in all. */
    deductionPerOverdueItem: z.number().check(z.gte(0), z.lte(100)),
    maximumDeduction: z.number().check(z.gte(0), z.lte(100)),
    /** Groups smaller than this are shown on public pages as "fewer than N". */
    publicMinimumGroupSize: z.int().check(z.gte(1), z.lte(1000)),
    /** Two-sided level of every confidence interval and of the rank comparisons (0.95 → 1.96). */
    confidenceLevel: probabilitySchema,
    /** Two-sided levels of the funnel plot's inner and outer limits (0.95 → 1.96, 0.998 → 3.09). */
    funnelLevels: z.object({ inner: probabilitySchema, outer: probabilitySchema }),
    /** The multiple-choice item asking which problems concern the resident most (hot issues). */
    hotIssueItemId: idSchema,
  })
  .check(
    z.superRefine((settings, context) => {
      for (const message of settingsProblems(settings)) context.addIssue({ code: 'custom', message, input: settings });
    }),
  );
export type ScoringSettings = z.infer<typeof scoringSettingsSchema>;

/** Rules across fields: unique ids, weights that can be normalised, a consistent deduction. */
function settingsProblems(settings: Omit<ScoringSettings, 'schemaVersion'>): string[] {
  const problems: string[] = [];
  const dimensionIds = settings.dimensions.map((dimension) => dimension.id);
  if (new Set(dimensionIds).size !== dimensionIds.length) problems.push('dimension ids must be unique');
  const indicatorIds = settings.dimensions.flatMap((dimension) => dimension.indicators.map((indicator) => indicator.id));
  if (new Set(indicatorIds).size !== indicatorIds.length) problems.push('an indicator belongs to one dimension only');
  if (!settings.dimensions.some((dimension) => dimension.weight > 0)) problems.push('at least one dimension needs a positive weight');
  for (const dimension of settings.dimensions) {
    if (!dimension.indicators.some((indicator) => indicator.weight > 0)) problems.push(`dimension "${dimension.id}" needs an indicator with a positive weight`);
  }
  if (Object.values(settings.channelWeights).every((weight) => weight === 0)) problems.push('at least one channel needs a positive weight');
  if (Object.values(settings.audienceWeights).every((weight) => weight === 0)) problems.push('at least one audience needs a positive weight');
  const optionIds = settings.scale.map((entry) => entry.optionId);
  if (new Set(optionIds).size !== optionIds.length) problems.push('scale option ids must be unique');
  for (const id of settings.dissatisfiedOptionIds) if (!optionIds.includes(id)) problems.push(`dissatisfied option "${id}" is not on the scale`);
  if (settings.funnelLevels.outer <= settings.funnelLevels.inner) problems.push('the outer funnel limit must be wider than the inner one');
  return problems;
}

/** SCORING.md defaults: equal indicator and dimension weights, the case's scale, field 0.6 / online 0.4, … */
export function defaultScoringSettings(): ScoringSettings {
  return {
    schemaVersion: 1,
    scale: framework.satisfactionScale.options.map((option) => ({ optionId: option.id, score: option.score })),
    dissatisfiedOptionIds: ['unsatisfied', 'very_unsatisfied'],
    dimensions: framework.dimensions.map((dimension) => ({
      id: dimension.id,
      weight: 1 / framework.dimensions.length,
      indicators: dimension.indicators.map((indicator) => ({ id: indicator.id, weight: 1 / dimension.indicators.length })),
    })),
    channelWeights: { field: 0.6, online: 0.4 },
    audienceWeights: { elderly: 0.4, adult: 0.4, work_unit: 0.2 },
    specialWeight: 0.1,
    deductionPerOverdueItem: 0.5,
    maximumDeduction: 5,
    publicMinimumGroupSize: 10,
    confidenceLevel: 0.95,
    funnelLevels: { inner: 0.95, outer: 0.998 },
    hotIssueItemId: 'concerns',
  };
}

/** The weight of a cell in a composite: channel weight × audience weight (SCORING.md "Defaults"). */
export function cellWeight(settings: ScoringSettings, channel: ScoringChannel, audience: z.infer<typeof audienceSchema>): number {
  return settings.channelWeights[channel] * settings.audienceWeights[audience];
}

/** A response's channel as weighted: paper questionnaires are field work entered later (DOMAIN.md). */
export function scoringChannelOf(channel: 'field' | 'paper' | 'online'): ScoringChannel {
  return channel === 'online' ? 'online' : 'field';
}
