import { evaluationLevels, type EvaluationLevel } from '../questionnaire/definition';
import type { Audience } from '../records';
import { unitComposite, weightedComposite, type CompositeEstimate, type CrossTerm, type NoComposite, type UnitComposite } from './composite';
import { designCovariance, scoreDesignOf, type CellDesign } from './design';
import { estimateMean, type MeanEstimate, type TooFewToEstimate } from './estimate';
import { emptyMoments, type Moments } from './moments';
import { addCounts, rankHotIssues, wilsonInterval, type HotIssue, type ProportionEstimate } from './proportions';
import type { ScoringChannel, ScoringSettings } from './settings';
import { emptyCellStatistics, mergeCellStatistics, noOpinionOnlyCount, type CellStatistics } from './statistics';

/** A unit's cell (SCORING.md step 2): a sub-district's or community's respondents of one channel and audience. */
export interface UnitCell {
  channel: ScoringChannel;
  audience: Audience;
  statistics: CellStatistics;
  /** Absent for independent draws (online cells, and wherever no design is known). */
  design?: CellDesign;
}

export type CellEstimate = { channel: ScoringChannel; audience: Audience } & (MeanEstimate | TooFewToEstimate);
export type Composite = CompositeEstimate | NoComposite;

export interface UnitScores extends UnitComposite {
  /** Respondents who answered no satisfaction item (SCORING.md step 1). */
  noOpinionOnly: number;
  cells: CellEstimate[];
  dimensions: ({ dimensionId: string } & Composite)[];
  indicators: ({ indicatorId: string; dissatisfaction: ProportionEstimate | null } & Composite)[];
  /** The three evaluation levels: sub-district services, community services, social-worker visits. */
  levels: ({ level: EvaluationLevel } & Composite)[];
  /** Share of all the unit's satisfaction answers that were dissatisfied. */
  dissatisfaction: ProportionEstimate | null;
  hotIssues: HotIssue[];
}

/** The weighted composite of one score (overall, an indicator, a dimension, a level) over the unit's cells. */
export function compositeOf(cells: readonly UnitCell[], select: (statistics: CellStatistics) => Moments | undefined, settings: ScoringSettings): Composite {
  return weightedComposite(
    cells.map((cell) => ({ channel: cell.channel, audience: cell.audience, moments: select(cell.statistics) ?? emptyMoments, design: scoreDesignOf(cell.design, select) })),
    settings,
  );
}

/** The unit's respondents as one group, for unweighted counts (dissatisfaction, hot issues, funnel n). */
export function pooledStatistics(cells: readonly UnitCell[]): CellStatistics {
  return cells.reduce((pooled, cell) => mergeCellStatistics(pooled, cell.statistics), emptyCellStatistics());
}

function estimateCell(cell: UnitCell, settings: ScoringSettings): CellEstimate {
  return { channel: cell.channel, audience: cell.audience, ...estimateMean(cell.statistics.overall, settings.confidenceLevel, scoreDesignOf(cell.design, (statistics) => statistics.overall)) };
}

/** Σ_g share_P,g · share_S,g · Cov(m_P,g, m_S,g) over the cells both the positive and the special composite use. */
function crossTermOf(cells: readonly UnitCell[], positive: Composite, special: Composite): CrossTerm {
  if (positive.status !== 'estimated' || special.status !== 'estimated') return { covariance: 0, covarianceSrs: 0 };
  return cells.reduce(
    (total, cell, index) => {
      const product = positive.shares[index]! * special.shares[index]!;
      if (product === 0) return total;
      const { covariance, covarianceSrs } = designCovariance(cell.statistics.overall, cell.statistics.special, cell.statistics.joint, cell.design);
      return { covariance: total.covariance + product * covariance, covarianceSrs: total.covarianceSrs + product * covarianceSrs };
    },
    { covariance: 0, covarianceSrs: 0 },
  );
}

/**
 * Every figure of one unit from its cells' sufficient statistics: the published score with its
 * parts (SCORING.md step 3), its cells, dimension, indicator and level composites (step 4 and the
 * three-level evaluation), dissatisfaction rates and hot issues (steps 4 and 5). `overdueItems` is
 * the unit's count of overdue negative-list items (0 until the negative list exists).
 */
export function scoreUnit(cells: readonly UnitCell[], overdueItems: number, settings: ScoringSettings): UnitScores {
  const pooled = pooledStatistics(cells);
  const positive = compositeOf(cells, (statistics) => statistics.overall, settings);
  const special = compositeOf(cells, (statistics) => statistics.special, settings);
  const composite = unitComposite(positive, special, crossTermOf(cells, positive, special), overdueItems, settings);
  const allAnswers = Object.values(pooled.answerCounts).reduce(addCounts, { trials: 0, hits: 0 });
  return {
    ...composite,
    noOpinionOnly: noOpinionOnlyCount(pooled),
    cells: cells.map((cell) => estimateCell(cell, settings)),
    dimensions: settings.dimensions.map((dimension) => ({
      dimensionId: dimension.id,
      ...compositeOf(cells, (statistics) => statistics.dimensions[dimension.id], settings),
    })),
    indicators: settings.dimensions.flatMap((dimension) =>
      dimension.indicators.map((indicator) => {
        const counts = pooled.answerCounts[indicator.id];
        return {
          indicatorId: indicator.id,
          dissatisfaction: counts ? wilsonInterval(counts, settings.confidenceLevel) : null,
          ...compositeOf(cells, (statistics) => statistics.indicators[indicator.id], settings),
        };
      }),
    ),
    levels: evaluationLevels.map((level) => ({ level, ...compositeOf(cells, (statistics) => statistics.levels[level], settings) })),
    dissatisfaction: wilsonInterval(allAnswers, settings.confidenceLevel),
    hotIssues: rankHotIssues(pooled.hotIssues, settings.confidenceLevel),
  };
}
