import type { Moments } from './moments';
import { normalCritical } from './quantiles';
import type { ScoringSettings } from './settings';

/** The funnel's centre and spread (Spiegelhalter 2005; SCORING.md "Funnel plot"). */
export interface FunnelReference {
  /** The district's mean of respondent scores. */
  target: number;
  /** The pooled within-unit SD: √(Σ_i Σ_r (s_r − m_i)² / (N − k)), spread that is not between units. */
  sigma: number;
}

/** From each unit's moments of respondent scores (its cells merged); null when there is no spread to pool. */
export function funnelReference(units: readonly Moments[]): FunnelReference | null {
  const present = units.filter((unit) => unit.n > 0);
  const respondents = present.reduce((total, unit) => total + unit.n, 0);
  const degreesOfFreedom = respondents - present.length;
  if (degreesOfFreedom <= 0) return null;
  const target = present.reduce((total, unit) => total + unit.sum, 0) / respondents;
  // Each unit's own Σ(s − m_i)², clamped: the difference of two large sums can dip below 0.
  const withinSquares = present.reduce((total, unit) => total + Math.max(0, unit.sumSq - (unit.sum * unit.sum) / unit.n), 0);
  return { target, sigma: Math.sqrt(withinSquares / degreesOfFreedom) };
}

export interface FunnelLimits {
  inner: { low: number; high: number };
  outer: { low: number; high: number };
}

/** target ± z σ/√n at the inner (95%, z 1.96) and outer (99.8%, z 3.09) levels of the round. */
export function funnelLimits(reference: FunnelReference, n: number, settings: ScoringSettings): FunnelLimits {
  const spread = reference.sigma / Math.sqrt(n);
  const limit = (level: number) => {
    const halfWidth = normalCritical(level) * spread;
    return { low: reference.target - halfWidth, high: reference.target + halfWidth };
  };
  return { inner: limit(settings.funnelLevels.inner), outer: limit(settings.funnelLevels.outer) };
}

export type FunnelOutlier = 'above' | 'below' | null;

/**
 * A unit beyond the outer (99.8%) limits for its n is flagged, above or below. Pass the unit's
 * survey estimate (`parts.positive`): the target is a mean of respondent scores, which neither the
 * special items nor the deduction are part of.
 */
export function funnelOutlier(score: number, n: number, reference: FunnelReference, settings: ScoringSettings): FunnelOutlier {
  if (n < 1) return null;
  const { outer } = funnelLimits(reference, n, settings);
  if (score > outer.high) return 'above';
  if (score < outer.low) return 'below';
  return null;
}
