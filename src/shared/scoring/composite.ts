import type { Audience } from '../records';
import { clipToScale, estimateMean, type Moments } from './moments';
import { normalCritical } from './quantiles';
import { cellWeight, type ScoringChannel, type ScoringSettings } from './settings';

/** One cell's moments of some score, with the cell's place in the weighting. */
export interface WeightedCellMoments {
  channel: ScoringChannel;
  audience: Audience;
  moments: Moments;
}

export interface CompositeEstimate {
  status: 'estimated';
  /** Scored respondents over all the unit's cells, including cells too small to use. */
  n: number;
  score: number;
  se: number;
  ciLow: number;
  ciHigh: number;
  cellsUsed: number;
}

export interface NoComposite {
  status: 'too_few';
  n: number;
  reason: 'no_cell_with_two_scores';
}

/**
 * SCORING.md step 3: P = Σ ω_g m_g / Σ ω_g over the cells with n_g ≥ 2 (weights renormalised over
 * the cells present), SE_P = √Σ (ω_g/Σω)² SE_g², CI = P ± z SE_P clipped to [0, 100].
 */
export function weightedComposite(cells: readonly WeightedCellMoments[], settings: ScoringSettings): CompositeEstimate | NoComposite {
  const n = cells.reduce((total, cell) => total + cell.moments.n, 0);
  const usable = cells.flatMap((cell) => {
    const estimate = estimateMean(cell.moments, settings.confidenceLevel);
    const weight = cellWeight(settings, cell.channel, cell.audience);
    return estimate.status === 'estimated' && weight > 0 ? [{ weight, mean: estimate.mean, se: estimate.se }] : [];
  });
  const totalWeight = usable.reduce((total, cell) => total + cell.weight, 0);
  if (usable.length === 0 || totalWeight <= 0) return { status: 'too_few', n, reason: 'no_cell_with_two_scores' };
  const score = usable.reduce((total, cell) => total + cell.weight * cell.mean, 0) / totalWeight;
  const se = Math.sqrt(usable.reduce((total, cell) => total + (cell.weight / totalWeight) ** 2 * cell.se ** 2, 0));
  return { status: 'estimated', n, score, se, ...normalInterval(score, se, settings.confidenceLevel), cellsUsed: usable.length };
}

/** score ± z·SE at the round's confidence level (1.96 for 0.95), clipped to [0, 100]. */
export function normalInterval(score: number, se: number, confidenceLevel: number): { ciLow: number; ciHigh: number } {
  const halfWidth = normalCritical(confidenceLevel) * se;
  return { ciLow: clipToScale(score - halfWidth), ciHigh: clipToScale(score + halfWidth) };
}

/** SCORING.md "Negative evaluation": 0.5 points per overdue negative-list item, at most 5 (round settings). */
export function negativeListDeduction(overdueItems: number, settings: ScoringSettings): number {
  if (!Number.isInteger(overdueItems) || overdueItems < 0) throw new RangeError('the number of overdue items is a whole number ≥ 0');
  return Math.min(settings.maximumDeduction, overdueItems * settings.deductionPerOverdueItem);
}

export interface CompositeParts {
  positive: number | null;
  special: number | null;
  deduction: number;
}

export interface UnitComposite {
  /** null when the unit has no cell with two scored respondents; then `reason` says so. */
  score: number | null;
  reason: NoComposite['reason'] | null;
  n: number;
  se: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  /** Shown separately, never hidden inside the score: score = (1 − w)·positive + w·special − deduction. */
  parts: CompositeParts;
}

/**
 * A unit's published score (SCORING.md "Defaults" and step 3): the positive composite, folded with
 * the special-indicator composite (0.9/0.1 by default) when the unit has one, minus the
 * negative-list deduction. The deduction is a fixed number, so it moves the interval without
 * widening it. The two composites come from the same respondents; their covariance is not kept,
 * so SE takes the correlated bound (1 − w)·SE_pos + w·SE_special, which never understates it.
 */
export function unitComposite(positive: CompositeEstimate | NoComposite, special: CompositeEstimate | NoComposite, overdueItems: number, settings: ScoringSettings): UnitComposite {
  const deduction = negativeListDeduction(overdueItems, settings);
  const specialScore = special.status === 'estimated' ? special.score : null;
  if (positive.status !== 'estimated') {
    return { score: null, reason: positive.reason, n: positive.n, se: null, ciLow: null, ciHigh: null, parts: { positive: null, special: specialScore, deduction } };
  }
  const folded = special.status === 'estimated' && settings.specialWeight > 0;
  const weight = folded ? settings.specialWeight : 0;
  const combined = folded ? (1 - weight) * positive.score + weight * special.score : positive.score;
  const se = folded ? (1 - weight) * positive.se + weight * special.se : positive.se;
  const score = combined - deduction;
  return { score, reason: null, n: positive.n, se, ...normalInterval(score, se, settings.confidenceLevel), parts: { positive: positive.score, special: specialScore, deduction } };
}
