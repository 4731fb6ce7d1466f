import { z } from 'zod/mini';

/**
 * Sufficient statistics of a set of respondent scores: count, Σs and Σs² (SCORING.md step 2).
 * They add, merge and subtract, so the server can keep one per cell up to date as responses arrive
 * or are voided, and reading a score costs the number of cells, not the number of responses.
 */
export const momentsSchema = z.object({
  n: z.int().check(z.nonnegative()),
  sum: z.number(),
  sumSq: z.number().check(z.nonnegative()),
});
export type Moments = z.infer<typeof momentsSchema>;

export const emptyMoments: Moments = Object.freeze({ n: 0, sum: 0, sumSq: 0 });

export function addScore(moments: Moments, score: number): Moments {
  return { n: moments.n + 1, sum: moments.sum + score, sumSq: moments.sumSq + score * score };
}

/** Takes back a score added before (a voided or superseded response). */
export function removeScore(moments: Moments, score: number): Moments {
  return withoutResidue({ n: moments.n - 1, sum: moments.sum - score, sumSq: moments.sumSq - score * score });
}

export function mergeMoments(a: Moments, b: Moments): Moments {
  return { n: a.n + b.n, sum: a.sum + b.sum, sumSq: a.sumSq + b.sumSq };
}

export function momentsOf(scores: readonly number[]): Moments {
  return scores.reduce(addScore, emptyMoments);
}

/** An empty set has sums of exactly 0: subtraction must not leave rounding residue behind. */
function withoutResidue(moments: Moments): Moments {
  if (moments.n < 0) throw new RangeError('removed more scores than were added');
  return moments.n === 0 ? emptyMoments : { ...moments, sumSq: Math.max(0, moments.sumSq) };
}

export function meanOf(moments: Moments): number | null {
  return moments.n === 0 ? null : moments.sum / moments.n;
}

/**
 * The sample variance (n − 1). Σs² − (Σs)²/n cancels badly when scores are nearly equal and can
 * come out slightly negative: it is clamped at 0.
 */
export function sampleVarianceOf(moments: Moments): number | null {
  if (moments.n < 2) return null;
  const sumOfSquaredDeviations = moments.sumSq - (moments.sum * moments.sum) / moments.n;
  return Math.max(0, sumOfSquaredDeviations) / (moments.n - 1);
}

/** Scores are on 0-100, and so are the intervals shown (SCORING.md steps 2 and 3). */
export function clipToScale(value: number): number {
  return Math.min(100, Math.max(0, value));
}

/**
 * Cross-moments of two scores over the respondents who have both (the positive score and the
 * special items): their covariance is what the composite of the two needs (SCORING.md "Special indicators").
 */
export const jointMomentsSchema = z.object({ n: z.int().check(z.nonnegative()), sumX: z.number(), sumY: z.number(), sumXY: z.number() });
export type JointMoments = z.infer<typeof jointMomentsSchema>;

export const emptyJointMoments: JointMoments = Object.freeze({ n: 0, sumX: 0, sumY: 0, sumXY: 0 });

export function shiftJointMoments(joint: JointMoments, x: number, y: number, direction: 1 | -1): JointMoments {
  const n = joint.n + direction;
  if (n < 0) throw new RangeError('removed more pairs than were added');
  return n === 0 ? emptyJointMoments : { n, sumX: joint.sumX + direction * x, sumY: joint.sumY + direction * y, sumXY: joint.sumXY + direction * x * y };
}

export function mergeJointMoments(a: JointMoments, b: JointMoments): JointMoments {
  return { n: a.n + b.n, sumX: a.sumX + b.sumX, sumY: a.sumY + b.sumY, sumXY: a.sumXY + b.sumXY };
}

/** The sample covariance (n − 1); null below two pairs. */
export function sampleCovarianceOf(joint: JointMoments): number | null {
  return joint.n < 2 ? null : (joint.sumXY - (joint.sumX * joint.sumY) / joint.n) / (joint.n - 1);
}
