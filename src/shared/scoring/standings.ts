import { formatRankInterval } from './display';
import { funnelOutlier, funnelReference, type FunnelOutlier, type FunnelReference } from './funnel';
import { rankIntervals } from './ranking';
import type { ScoringSettings } from './settings';
import type { CellStatistics } from './statistics';
import type { UnitScores } from './unit';

/** A unit among its peers (the 13 sub-districts, or a sub-district's communities). */
export interface UnitAmongPeers {
  unitId: string;
  scores: UnitScores;
  /** The unit's cells merged (`pooledStatistics`): the funnel needs its respondents' spread. */
  statistics: CellStatistics;
}

export interface UnitStanding {
  unitId: string;
  /** null for a unit without a score, which has no rank. */
  rankBest: number | null;
  rankWorst: number | null;
  /** "3" or "3–6". */
  rankLabel: string | null;
  outlier: FunnelOutlier;
}

export interface Standings {
  funnel: FunnelReference | null;
  units: UnitStanding[];
}

/**
 * Rank intervals and funnel outliers of a set of peer units (SCORING.md "Rankings that do not
 * overclaim"), in the order given. The funnel target and σ come from the same units' respondents.
 */
export function unitStandings(units: readonly UnitAmongPeers[], settings: ScoringSettings): Standings {
  const intervals = new Map(
    rankIntervals(
      units.map((unit) => ({ unitId: unit.unitId, score: unit.scores.score, se: unit.scores.se })),
      settings.confidenceLevel,
    ).map((interval) => [interval.unitId, interval]),
  );
  const funnel = funnelReference(units.map((unit) => unit.statistics.overall));
  return {
    funnel,
    units: units.map((unit) => {
      const interval = intervals.get(unit.unitId);
      const positive = unit.scores.parts.positive;
      return {
        unitId: unit.unitId,
        rankBest: interval?.best ?? null,
        rankWorst: interval?.worst ?? null,
        rankLabel: interval ? formatRankInterval(interval) : null,
        outlier: funnel && positive !== null ? funnelOutlier(positive, unit.scores.n, funnel, settings) : null,
      };
    }),
  };
}
