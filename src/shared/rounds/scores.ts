import type { Composite, UnitCell, UnitScores } from '../scoring/unit';
import { funnelOutlier, funnelReference, type FunnelReference } from '../scoring/funnel';
import { meanOf } from '../scoring/moments';
import { rankIntervals } from '../scoring/ranking';
import { scoringChannels, type ScoringSettings } from '../scoring/settings';
import { pooledStatistics, scoreUnit } from '../scoring/unit';
import type { UnitScoresAnswer } from './api';

/** A sub-district or community with the sufficient statistics of its cells. */
export interface UnitWithCells {
  unitId: string;
  name: string;
  subdistrictId: string;
  cells: UnitCell[];
}

function compositeFields(composite: Composite) {
  return composite.status === 'estimated'
    ? { score: composite.score, n: composite.n, ciLow: composite.ciLow, ciHigh: composite.ciHigh, reason: null }
    : { score: null, n: composite.n, ciLow: null, ciHigh: null, reason: composite.reason };
}

/** Each channel's score from its own cells, by the same rules as the unit's (SCORING.md step 3 within one channel). */
function channelScores(unit: UnitWithCells, settings: ScoringSettings): UnitScoresAnswer['channels'] {
  return scoringChannels.map((channel) => {
    const scores = scoreUnit(unit.cells.filter((cell) => cell.channel === channel), 0, settings);
    const estimate = scores.score === null ? { score: null, ciLow: null, ciHigh: null, reason: scores.reason } : { score: scores.score, ciLow: scores.ciLow, ciHigh: scores.ciHigh, reason: null };
    return { channel, weight: settings.channelWeights[channel], n: scores.n, ...estimate };
  });
}

function answerOf(unit: UnitWithCells, scores: UnitScores, settings: ScoringSettings): Omit<UnitScoresAnswer, 'rankBest' | 'rankWorst' | 'outlier' | 'funnelMean'> {
  return {
    unitId: unit.unitId,
    name: unit.name,
    subdistrictId: unit.subdistrictId,
    score: scores.score,
    reason: scores.reason,
    n: scores.n,
    se: scores.se,
    ciLow: scores.ciLow,
    ciHigh: scores.ciHigh,
    parts: scores.parts,
    noOpinionOnly: scores.noOpinionOnly,
    cells: scores.cells.map((cell) =>
      cell.status === 'estimated'
        ? { channel: cell.channel, audience: cell.audience, n: cell.n, mean: cell.mean, sd: cell.sd, ciLow: cell.ciLow, ciHigh: cell.ciHigh }
        : { channel: cell.channel, audience: cell.audience, n: cell.n, mean: cell.mean, sd: null, ciLow: null, ciHigh: null },
    ),
    channels: channelScores(unit, settings),
    dimensions: scores.dimensions.map((dimension) => ({ dimensionId: dimension.dimensionId, ...compositeFields(dimension) })),
    indicators: scores.indicators.map((indicator) => ({ indicatorId: indicator.indicatorId, dissatisfaction: indicator.dissatisfaction, ...compositeFields(indicator) })),
    levels: scores.levels.map((level) => ({ level: level.level, ...compositeFields(level) })),
    dissatisfaction: scores.dissatisfaction,
    hotIssues: scores.hotIssues,
  };
}

/**
 * Every unit's figures, rank interval among the units given and funnel flag, from cell statistics
 * alone (SCORING.md steps 2-5, "Rankings", "Funnel plot"). `overdueItems` counts each unit's
 * negative-list cases past due and not closed when the round closed (none before it closes); the
 * deduction they cost is shown apart from the score.
 */
export function roundUnitScores(
  units: readonly UnitWithCells[],
  settings: ScoringSettings,
  overdueItems: ReadonlyMap<string, number> = new Map(),
): { funnel: FunnelReference | null; units: UnitScoresAnswer[] } {
  const scored = units.map((unit) => ({ unit, scores: scoreUnit(unit.cells, overdueItems.get(unit.unitId) ?? 0, settings) }));
  const ranks = new Map(rankIntervals(scored.map(({ unit, scores }) => ({ unitId: unit.unitId, score: scores.score, se: scores.se })), settings.confidenceLevel).map((rank) => [rank.unitId, rank]));
  const pooled = new Map(units.map((unit) => [unit.unitId, pooledStatistics(unit.cells).overall]));
  const funnel = funnelReference([...pooled.values()]);
  return {
    funnel,
    units: scored.map(({ unit, scores }) => {
      const rank = ranks.get(unit.unitId);
      // The funnel compares like with like: the unit's unweighted mean of respondent scores against
      // the district's (its target). The cell-weighted score would differ from the target by the
      // channel mix alone (field 0.6 weight, about a quarter of the responses) and flag every unit.
      const funnelMean = meanOf(pooled.get(unit.unitId)!);
      return {
        ...answerOf(unit, scores, settings),
        rankBest: rank?.best ?? null,
        rankWorst: rank?.worst ?? null,
        funnelMean,
        outlier: funnel && funnelMean !== null ? funnelOutlier(funnelMean, scores.n, funnel, settings) : null,
      };
    }),
  };
}
