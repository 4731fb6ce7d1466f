import { designVariance, simpleDesign, type ScoreDesign } from './design';
import { clipToScale, meanOf, sampleVarianceOf, type Moments } from './moments';
import { studentTCritical } from './quantiles';

export interface MeanEstimate {
  status: 'estimated';
  n: number;
  mean: number;
  sd: number;
  /** Design-based (SCORING.md "Design-based intervals"); sd/√n for a simple random sample. */
  se: number;
  /** sd/√n, what the SE would be if the respondents were independent draws. */
  seSrs: number;
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
 * A cell's mean with its sample SD and design-based SE (sd/√n for a simple random sample) and
 * Student-t interval (n − 1 degrees of freedom, or C − 1 with C communities as clusters), clipped
 * to [0, 100] (SCORING.md step 2 and "Design-based intervals").
 */
export function estimateMean(moments: Moments, confidenceLevel: number, design: ScoreDesign = simpleDesign): MeanEstimate | TooFewToEstimate {
  const mean = meanOf(moments);
  const variance = sampleVarianceOf(moments);
  if (mean === null || variance === null) return { status: 'too_few', n: moments.n, mean };
  const sd = Math.sqrt(variance);
  const seSrs = sd / Math.sqrt(moments.n);
  const { variance: meanVariance, degreesOfFreedom } = designVariance(moments, design);
  const se = Math.sqrt(meanVariance);
  const halfWidth = studentTCritical(confidenceLevel, degreesOfFreedom) * se;
  return { status: 'estimated', n: moments.n, mean, sd, se, seSrs, ciLow: clipToScale(mean - halfWidth), ciHigh: clipToScale(mean + halfWidth) };
}
