import { normalCritical } from './quantiles';

/** A unit as the ranking sees it: its published score and that score's standard error. */
export interface RankedUnitInput {
  unitId: string;
  score: number;
  se: number;
}

/** A unit that may have no score (too few responses): such a unit has no rank. */
export interface RankCandidate {
  unitId: string;
  score: number | null;
  se: number | null;
}

export interface RankInterval {
  unitId: string;
  /** 1 + the number of units significantly better. */
  best: number;
  /** The number of units − the number of units significantly worse. */
  worst: number;
}

/** SCORING.md "Rankings": a and b differ when |P_a − P_b| > z √(SE_a² + SE_b²), z = 1.96 at 0.95. */
export function significantlyDifferent(a: RankedUnitInput, b: RankedUnitInput, confidenceLevel: number): boolean {
  return Math.abs(a.score - b.score) > normalCritical(confidenceLevel) * Math.hypot(a.se, b.se);
}

function isScored(unit: RankCandidate): unit is RankedUnitInput {
  return unit.score !== null && unit.se !== null;
}

/**
 * Each scored unit's rank interval, best score first: a unit's rank is only as precise as the
 * units it significantly differs from, so the data decide how strict the order is. Units without
 * a score are left out and do not count in N.
 */
export function rankIntervals(candidates: readonly RankCandidate[], confidenceLevel: number): RankInterval[] {
  const units = candidates.filter(isScored);
  return [...units]
    .sort((a, b) => b.score - a.score || a.unitId.localeCompare(b.unitId))
    .map((unit) => {
      const differing = units.filter((other) => other !== unit && significantlyDifferent(unit, other, confidenceLevel));
      const better = differing.filter((other) => other.score > unit.score).length;
      const worse = differing.length - better;
      return { unitId: unit.unitId, best: 1 + better, worst: units.length - worse };
    });
}

export interface ScoreChange {
  difference: number;
  ciLow: number;
  ciHigh: number;
  /** The interval leaves out 0: the change is more than sampling alone would give. */
  significant: boolean;
}

/**
 * A unit's change since an earlier round, with its interval: the two rounds are independent
 * samples, so SE = √(SE_now² + SE_before²) and the interval is difference ± z·SE. Null when either
 * round has no score.
 */
export function changeBetweenRounds(current: RankCandidate, previous: RankCandidate, confidenceLevel: number): ScoreChange | null {
  if (!isScored(current) || !isScored(previous)) return null;
  const difference = current.score - previous.score;
  const halfWidth = normalCritical(confidenceLevel) * Math.hypot(current.se, previous.se);
  return { difference, ciLow: difference - halfWidth, ciHigh: difference + halfWidth, significant: Math.abs(difference) > halfWidth };
}
