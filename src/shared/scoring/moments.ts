import { z } from 'zod/mini';
import { studentTCritical } from './quantiles';

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

export interface MeanEstimate {
  status: 'estimated';
  n: number;
  mean: number;
  sd: number;
  se: number;
  ciLow: number;
  ciHigh: number;
}

/** Fewer than 2 scores: no spread can be estimated, so no interval is claimed (not a zero-width one). */
export interface TooFewToEstimate {
  status: 'too_few';
  n: number;
  /** The single score when n = 1, shown only beside "too few to estimate". */
  mean: number | null;
}

/**
 * A cell's mean with its sample SD, SE = sd/√n and Student-t interval with n − 1 degrees of
 * freedom, clipped to [0, 100] (SCORING.md step 2).
 */
export function estimateMean(moments: Moments, confidenceLevel: number): MeanEstimate | TooFewToEstimate {
  const mean = meanOf(moments);
  const variance = sampleVarianceOf(moments);
  if (mean === null || variance === null) return { status: 'too_few', n: moments.n, mean };
  const sd = Math.sqrt(variance);
  const se = sd / Math.sqrt(moments.n);
  const halfWidth = studentTCritical(confidenceLevel, moments.n - 1) * se;
  return { status: 'estimated', n: moments.n, mean, sd, se, ciLow: clipToScale(mean - halfWidth), ciHigh: clipToScale(mean + halfWidth) };
}
