import { z } from 'zod/mini';
import { roundIdSchema } from '../organisation';

/**
 * Shapes of the public results API (GET /api/public/rounds and /api/public/rounds/{roundId}/scores)
 * and the primitives api.ts shares with it. Kept apart from api.ts and free of the scoring settings
 * and questionnaire model, so the public results page bundles only this.
 */
export const shortText = (max: number) => z.string().check(z.minLength(1), z.maxLength(max));
export const isoTime = z.string().check(z.maxLength(40));
export const nullableNumber = z.nullable(z.number());

/** A composite (overall, dimension, indicator, level): null score with a reason when no cell has two scores. */
export const compositeFields = { score: nullableNumber, n: z.int(), ciLow: nullableNumber, ciHigh: nullableNumber, reason: z.nullable(z.string().check(z.maxLength(60))) };

export const scoreLevels = ['subdistrict', 'community'] as const;
export const scoreLevelSchema = z.enum(scoreLevels);
export type ScoreLevel = z.infer<typeof scoreLevelSchema>;

/** Sub-districts, or the communities (of one sub-district with subdistrictId). */
export const scoresQuerySchema = z.object({ level: z._default(scoreLevelSchema, 'subdistrict'), subdistrictId: z.optional(shortText(64)) });
export type ScoresQuery = z.infer<typeof scoresQuerySchema>;

/** The public page's view: published rounds only, groups under the round's minimum size suppressed. */
export const publicRoundSchema = z.object({ id: roundIdSchema, startsOn: z.iso.date(), endsOn: z.iso.date(), publishedAt: z.nullable(isoTime), synthetic: z.boolean() });
export type PublicRound = z.infer<typeof publicRoundSchema>;
export const publicRoundListSchema = z.object({ rounds: z.array(publicRoundSchema).check(z.maxLength(200)) });
export const publicUnitSchema = z.union([
  z.object({
    unitId: shortText(64),
    name: shortText(100),
    suppressed: z.literal(false),
    score: nullableNumber,
    n: z.int(),
    ciLow: nullableNumber,
    ciHigh: nullableNumber,
    rankBest: z.nullable(z.int()),
    rankWorst: z.nullable(z.int()),
    dimensions: z.array(z.object({ dimensionId: shortText(64), ...compositeFields })).check(z.maxLength(20)),
  }),
  z.object({ unitId: shortText(64), name: shortText(100), suppressed: z.literal(true), fewerThan: z.int() }),
]);
export type PublicUnitScore = z.infer<typeof publicUnitSchema>;
export const publicRoundScoresSchema = z.object({
  roundId: roundIdSchema,
  settingsVersion: z.int(),
  level: scoreLevelSchema,
  synthetic: z.boolean(),
  minimumGroupSize: z.int(),
  units: z.array(publicUnitSchema).check(z.maxLength(500)),
});
export type PublicRoundScores = z.infer<typeof publicRoundScoresSchema>;
