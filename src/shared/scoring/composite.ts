import type { Audience } from '../records';
import type { ScoreDesign } from './design';
import { estimateMean } from './estimate';
import { clipToScale, type Moments } from './moments';
import { normalCritical } from './quantiles';
import { cellWeight, type ScoringChannel, type ScoringSettings } from './settings';

/** One cell's moments of some score, with the cell's place in the weighting. */
export interface WeightedCellMoments {
  channel: ScoringChannel;
  audience: Audience;
  moments: Moments;
  /** Absent for independent draws. */
  design?: ScoreDesign;
}

export interface CompositeEstimate {
  status: 'estimated';
  /** Scored respondents over all the unit's cells, including cells too small to use. */
  n: number;
  score: number;
  /** Design-based, from each cell's design-based SE. */
  se: number;
  /** The same with every cell's SE_srs: the SE if every respondent were an independent draw. */
  seSrs: number;
  ciLow: number;
  ciHigh: number;
  cellsUsed: number;
  /** Each input cell's ω_g/Σω in the composite, 0 for a cell left out: a second composite's covariance needs them. */
  shares: number[];
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
  const estimates = cells.map((cell) => {
    const estimate = estimateMean(cell.moments, settings.confidenceLevel, cell.design);
    const weight = cellWeight(settings, cell.channel, cell.audience);
    return estimate.status === 'estimated' && weight > 0 ? { weight, mean: estimate.mean, se: estimate.se, seSrs: estimate.seSrs } : null;
  });
  const usable = estimates.filter((cell) => cell !== null);
  const totalWeight = usable.reduce((total, cell) => total + cell.weight, 0);
  if (usable.length === 0 || totalWeight <= 0) return { status: 'too_few', n, reason: 'no_cell_with_two_scores' };
  const score = usable.reduce((total, cell) => total + cell.weight * cell.mean, 0) / totalWeight;
  const combine = (pick: (cell: (typeof usable)[number]) => number) => Math.sqrt(usable.reduce((total, cell) => total + (cell.weight / totalWeight) ** 2 * pick(cell) ** 2, 0));
  const se = combine((cell) => cell.se);
  return {
    status: 'estimated',
    n,
    score,
    se,
    seSrs: combine((cell) => cell.seSrs),
    ...normalInterval(score, se, settings.confidenceLevel),
    cellsUsed: usable.length,
    shares: estimates.map((cell) => (cell === null ? 0 : cell.weight / totalWeight)),
  };
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
  /** (SE ÷ the SE with every cell's SE_srs)²: how many times the variance of independent draws. */
  designEffect: number | null;
  /** n ÷ design effect: the independent draws that would be as precise. */
  effectiveN: number | null;
  /** Shown separately, never hidden inside the score: score = (1 − w)·positive + w·special − deduction. */
  parts: CompositeParts;
  /** The positive part's design-based SE: the funnel plots the positive part. */
  positiveSe: number | null;
}

/** Σ_g share_P,g · share_S,g · Cov_g, design-based and as independent draws, over the cells both composites use. */
export interface CrossTerm {
  covariance: number;
  covarianceSrs: number;
}

/**
 * A unit's published score (SCORING.md "Defaults", step 3 and "Special indicators"): the positive
 * composite P, folded with the special-indicator composite S (0.9/0.1 by default) when the unit has
 * one, minus the negative-list deduction. Var(C) = (1−w)²·SE_P² + w²·SE_S² + 2(1−w)w·Σ_g share_P,g·share_S,g·Cov_g,
 * which is SCORING.md's Σ_g (a_g²·SE_Pg² + b_g²·SE_Sg² + 2·a_g·b_g·Cov_g) gathered by part. The deduction
 * is a fixed number, so it moves the interval without widening it.
 */
export function unitComposite(positive: CompositeEstimate | NoComposite, special: CompositeEstimate | NoComposite, cross: CrossTerm, overdueItems: number, settings: ScoringSettings): UnitComposite {
  const deduction = negativeListDeduction(overdueItems, settings);
  const specialScore = special.status === 'estimated' ? special.score : null;
  if (positive.status !== 'estimated') {
    return { score: null, reason: positive.reason, n: positive.n, se: null, ciLow: null, ciHigh: null, designEffect: null, effectiveN: null, parts: { positive: null, special: specialScore, deduction }, positiveSe: null };
  }
  const folded = special.status === 'estimated' && settings.specialWeight > 0;
  const w = folded ? settings.specialWeight : 0;
  const combined = folded ? (1 - w) * positive.score + w * special.score : positive.score;
  const variance = (seP: number, seS: number, covariance: number) => (folded ? (1 - w) ** 2 * seP ** 2 + w ** 2 * seS ** 2 + 2 * (1 - w) * w * covariance : seP ** 2);
  const designVariance = Math.max(0, variance(positive.se, folded ? special.se : 0, cross.covariance));
  const srsVariance = Math.max(0, variance(positive.seSrs, folded ? special.seSrs : 0, cross.covarianceSrs));
  const se = Math.sqrt(designVariance);
  const designEffect = srsVariance > 0 ? designVariance / srsVariance : 1;
  const score = combined - deduction;
  return {
    score,
    reason: null,
    n: positive.n,
    se,
    ...normalInterval(score, se, settings.confidenceLevel),
    designEffect,
    effectiveN: designEffect > 0 ? positive.n / designEffect : null,
    parts: { positive: positive.score, special: specialScore, deduction },
    positiveSe: positive.se,
  };
}
