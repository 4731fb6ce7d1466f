import { z } from 'zod/mini';
import { roundIdSchema } from './organisation';

/**
 * Shapes of the public results API (issue 7 "API": GET /api/public/rounds and
 * /api/public/rounds/{roundId}/scores) and the primitives the office API shares with it. Kept apart
 * from scores-api.ts and free of the scoring settings and questionnaire model, so that the public
 * results page bundles only this. Every array and string is bounded; a figure the data cannot
 * support is null, never 0.
 */
export const idSchema = z.string().check(z.minLength(1), z.maxLength(64));
export const nameSchema = z.string().check(z.minLength(1), z.maxLength(200));
export const countSchema = z.int().check(z.nonnegative());
export const scoreSchema = z.number().check(z.gte(0), z.lte(100));
export const shareSchema = z.number().check(z.gte(0), z.lte(1));
export const rankSchema = z.int().check(z.gte(1), z.lte(1000));
export const timestampSchema = z.iso.datetime({ offset: true });

export const scoreLevels = ['subdistrict', 'community'] as const;
export const scoreLevelSchema = z.enum(scoreLevels);
export type ScoreLevel = z.infer<typeof scoreLevelSchema>;

/** A mean or composite with its 95% CI; score, ciLow and ciHigh are null when too few to estimate. */
export const estimateFields = {
  n: countSchema,
  score: z.nullable(scoreSchema),
  ciLow: z.nullable(scoreSchema),
  ciHigh: z.nullable(scoreSchema),
};

/** A unit's score in its parts: the survey estimate, special items, and the negative-list deduction in points (0 until the negative list exists). */
export const unitPartsSchema = z.object({
  positive: z.nullable(scoreSchema),
  special: z.nullable(scoreSchema),
  deduction: z.number().check(z.gte(0), z.lte(100)),
});

export const dimensionScoreSchema = z.object({ dimensionId: idSchema, ...estimateFields });
export type DimensionScore = z.infer<typeof dimensionScoreSchema>;

/** GET /api/public/rounds: published rounds only, newest first. */
export const publicRoundSchema = z.object({
  roundId: roundIdSchema,
  settingsVersion: z.int().check(z.gte(1)),
  publishedAt: timestampSchema,
  /** Groups smaller than this are not shown (SCORING.md "Minimum group size on public pages"). */
  minimumGroupSize: z.int().check(z.gte(1), z.lte(1000)),
  synthetic: z.boolean(),
});
export type PublicRound = z.infer<typeof publicRoundSchema>;

export const publicRoundListSchema = z.object({ rounds: z.array(publicRoundSchema).check(z.maxLength(200)) });
export type PublicRoundList = z.infer<typeof publicRoundListSchema>;

const publicShownUnitSchema = z.object({
  unitId: idSchema,
  name: nameSchema,
  subdistrictId: z.nullable(idSchema),
  suppressed: z.literal(false),
  ...estimateFields,
  rankBest: z.nullable(rankSchema),
  rankWorst: z.nullable(rankSchema),
  parts: unitPartsSchema,
  dimensions: z.array(dimensionScoreSchema).check(z.maxLength(20)),
});

/** A group under the minimum size keeps none of its figures, not even its n. */
const publicSuppressedUnitSchema = z.object({
  unitId: idSchema,
  name: nameSchema,
  subdistrictId: z.nullable(idSchema),
  suppressed: z.literal(true),
  fewerThan: z.int().check(z.gte(1), z.lte(1000)),
});

export const publicUnitScoreSchema = z.discriminatedUnion('suppressed', [publicShownUnitSchema, publicSuppressedUnitSchema]);
export type PublicUnitScore = z.infer<typeof publicUnitScoreSchema>;

/** GET /api/public/rounds/{roundId}/scores?level=…: sub-districts, or communities with their sub-district. */
export const publicRoundScoresSchema = z.object({
  roundId: roundIdSchema,
  settingsVersion: z.int().check(z.gte(1)),
  level: scoreLevelSchema,
  minimumGroupSize: z.int().check(z.gte(1), z.lte(1000)),
  units: z.array(publicUnitScoreSchema).check(z.maxLength(500)),
});
export type PublicRoundScores = z.infer<typeof publicRoundScoresSchema>;

