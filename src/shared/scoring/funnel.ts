import { normalCritical } from './quantiles';
import type { ScoringSettings } from './settings';

/**
 * The funnel plot with over-dispersion (Spiegelhalter 2005, additive random effects; SCORING.md
 * "Funnel with over-dispersion"). What is drawn and what is flagged are one computation: a unit is
 * flagged exactly when its point lies beyond the curve `funnelLimits` draws at its x.
 */
export interface FunnelReference {
  /** θ₀: the peer units' composite taken together (the district's, for the sub-districts). */
  target: number;
  /** σ_d²: the variance of all their respondents' scores, so that x = σ_d²/SE² is an effective n. */
  variance: number;
  /** Mean of the winsorised z_i². */
  phi: number;
  /** τ²: the between-unit variance beyond what sampling explains (0 when φ does not exceed it). */
  tau2: number;
}

/** A unit on the funnel: its composite, design-based SE and x = σ_d²/SE². */
export interface FunnelPoint {
  score: number;
  se: number;
  x: number;
}

export interface FunnelLimits {
  inner: { low: number; high: number };
  outer: { low: number; high: number };
}

export type FunnelOutlier = 'above' | 'below' | null;

/** The p-quantile of ascending values by linear interpolation between order statistics ((n − 1)·p). */
export function interpolatedQuantile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) throw new RangeError('no values');
  const position = (sorted.length - 1) * p;
  const below = Math.floor(position);
  const above = Math.min(sorted.length - 1, below + 1);
  return sorted[below]! + (position - below) * (sorted[above]! - sorted[below]!);
}

/** Values pulled in to their 10th and 90th percentiles. */
export function winsorise(values: readonly number[], lowP = 0.1, highP = 0.9): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const low = interpolatedQuantile(sorted, lowP);
  const high = interpolatedQuantile(sorted, highP);
  return values.map((value) => Math.min(high, Math.max(low, value)));
}

/**
 * θ₀, σ_d², φ and τ² from the units' composites and design-based SEs: z_i = (P_i − θ₀)/SE_i
 * winsorised, φ = mean z_i², w_i = 1/SE_i², τ² = max(0, (I·φ − (I − 1)) / (Σw − Σw²/Σw)).
 * Units with no SE (or SE 0) take no part; null when none has one or the spread is 0.
 */
export function overdispersedFunnel(units: readonly { score: number; se: number }[], target: number, variance: number): FunnelReference | null {
  const present = units.filter((unit) => unit.se > 0 && Number.isFinite(unit.se));
  if (present.length === 0 || !(variance > 0)) return null;
  const z = winsorise(present.map((unit) => (unit.score - target) / unit.se));
  const phi = z.reduce((sum, value) => sum + value * value, 0) / z.length;
  const weights = present.map((unit) => 1 / unit.se ** 2);
  const sumW = weights.reduce((sum, w) => sum + w, 0);
  const spread = sumW - weights.reduce((sum, w) => sum + w * w, 0) / sumW;
  const count = present.length;
  const tau2 = spread > 0 ? Math.max(0, (count * phi - (count - 1)) / spread) : 0;
  return { target, variance, phi, tau2 };
}

/** A unit's point: x = σ_d²/SE²; null without a positive SE. */
export function funnelPoint(score: number, se: number | null, reference: FunnelReference): FunnelPoint | null {
  if (se === null || !(se > 0)) return null;
  return { score, se, x: reference.variance / se ** 2 };
}

/** θ₀ ± z·√(σ_d²/x + τ²) at the inner (95%, z 1.96) and outer (99.8%, z 3.09) levels of the round. */
export function funnelLimits(reference: FunnelReference, x: number, settings: ScoringSettings): FunnelLimits {
  const spread = Math.sqrt(reference.variance / x + reference.tau2);
  const limit = (level: number) => {
    const halfWidth = normalCritical(level) * spread;
    return { low: reference.target - halfWidth, high: reference.target + halfWidth };
  };
  return { inner: limit(settings.funnelLevels.inner), outer: limit(settings.funnelLevels.outer) };
}

/** Beyond the outer (99.8%) limits at the unit's x, above or below: the same curve the chart draws. */
export function funnelOutlier(point: FunnelPoint, reference: FunnelReference, settings: ScoringSettings): FunnelOutlier {
  const { outer } = funnelLimits(reference, point.x, settings);
  if (point.score > outer.high) return 'above';
  if (point.score < outer.low) return 'below';
  return null;
}
