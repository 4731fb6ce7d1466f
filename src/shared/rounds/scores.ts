import type { Audience } from '../records';
import { interviewerDesignEffect, interviewerIcc } from '../scoring/design';
import { funnelOutlier, funnelPoint, overdispersedFunnel, type FunnelReference } from '../scoring/funnel';
import { emptyMoments, mergeMoments, sampleVarianceOf, type Moments } from '../scoring/moments';
import { rankIntervals } from '../scoring/ranking';
import { scoringChannels, type ScoringSettings } from '../scoring/settings';
import { mergeCellStatistics, type CellStatistics } from '../scoring/statistics';
import type { Composite, UnitCell, UnitScores } from '../scoring/unit';
import { compositeOf, scoreUnit } from '../scoring/unit';
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

function answerOf(unit: UnitWithCells, scores: UnitScores, settings: ScoringSettings): Omit<UnitScoresAnswer, 'rankBest' | 'rankWorst' | 'outlier' | 'funnel'> {
  return {
    unitId: unit.unitId,
    name: unit.name,
    subdistrictId: unit.subdistrictId,
    score: scores.score,
    reason: scores.reason,
    n: scores.n,
    se: scores.se,
    designEffect: scores.designEffect,
    effectiveN: scores.effectiveN,
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

/** The peer units' respondents as one unit, cell by cell: the funnel's target is its composite. */
function peersTogether(units: readonly UnitWithCells[]): UnitCell[] {
  const cells = new Map<string, UnitCell>();
  for (const cell of units.flatMap((unit) => unit.cells)) {
    const key = `${cell.channel}|${cell.audience}`;
    const known = cells.get(key);
    cells.set(key, { channel: cell.channel, audience: cell.audience, statistics: known ? mergeCellStatistics(known.statistics, cell.statistics) : cell.statistics });
  }
  return [...cells.values()];
}

/** θ₀ (the peers' positive composite), σ_d² (their respondents' score variance), φ and τ² (SCORING.md "Funnel with over-dispersion"). */
function funnelOf(units: readonly UnitWithCells[], scored: readonly UnitScores[], settings: ScoringSettings): FunnelReference | null {
  const together = peersTogether(units);
  const target = compositeOf(together, (statistics) => statistics.overall, settings);
  const variance = sampleVarianceOf(together.reduce((total, cell) => mergeMoments(total, cell.statistics.overall), emptyMoments));
  if (target.status !== 'estimated' || variance === null) return null;
  const points = scored.flatMap((scores) => (scores.parts.positive === null || scores.positiveSe === null ? [] : [{ score: scores.parts.positive, se: scores.positiveSe }]));
  return overdispersedFunnel(points, target.score, variance);
}

/**
 * Every unit's figures, rank interval among the units given and funnel flag, from cell statistics
 * alone (SCORING.md steps 2-5, "Rankings", "Design-based intervals and the funnel"). The cells carry
 * their designs (`withCellDesigns`). `overdueItems` counts each unit's negative-list cases past due
 * and not closed when the round closed (none before it closes); the deduction they cost is shown
 * apart from the score.
 */
export function roundUnitScores(
  units: readonly UnitWithCells[],
  settings: ScoringSettings,
  overdueItems: ReadonlyMap<string, number> = new Map(),
): { funnel: FunnelReference | null; units: UnitScoresAnswer[] } {
  const scored = units.map((unit) => ({ unit, scores: scoreUnit(unit.cells, overdueItems.get(unit.unitId) ?? 0, settings) }));
  const ranks = new Map(rankIntervals(scored.map(({ unit, scores }) => ({ unitId: unit.unitId, score: scores.score, se: scores.se })), settings.confidenceLevel).map((rank) => [rank.unitId, rank]));
  const funnel = funnelOf(units, scored.map(({ scores }) => scores), settings);
  return {
    funnel,
    units: scored.map(({ unit, scores }) => {
      const rank = ranks.get(unit.unitId);
      // The positive part against its design-based SE: neither the special items nor the deduction
      // are part of the target, which is the peers' positive composite.
      const point = funnel && scores.parts.positive !== null ? funnelPoint(scores.parts.positive, scores.positiveSe, funnel) : null;
      return {
        ...answerOf(unit, scores, settings),
        rankBest: rank?.best ?? null,
        rankWorst: rank?.worst ?? null,
        funnel: point,
        outlier: funnel && point ? funnelOutlier(point, funnel, settings) : null,
      };
    }),
  };
}

/** A community field cell's respondents of one worker: their scores' moments. */
export interface WorkerCell {
  communityId: string;
  audience: Audience;
  workerId: string;
  moments: Moments;
}

/** A community's field cell, for the clusters of its sub-district's cell. */
export interface CommunityFieldCell {
  communityId: string;
  subdistrictId: string;
  audience: Audience;
  statistics: CellStatistics;
}

/** SCORING.md W3: workers with fewer interviews take no part in the interviewer ICC. */
const iccMinimumInterviews = 5;

/**
 * The district's interviewer ICC ρ (W3 pooled over the district): each worker's field respondents
 * over all the communities and audiences they interviewed.
 */
export function districtInterviewerIcc(workers: readonly WorkerCell[]): number {
  const byWorker = new Map<string, Moments>();
  for (const cell of workers) byWorker.set(cell.workerId, mergeMoments(byWorker.get(cell.workerId) ?? emptyMoments, cell.moments));
  return interviewerIcc([...byWorker.values()], iccMinimumInterviews);
}

/**
 * The units' field cells with their designs (SCORING.md "Design-based intervals"): a community's
 * carries the interviewer design effect 1 + (b̄ − 1)·ρ, b̄ its scored interviews per worker; a
 * sub-district's has its communities' cells as clusters, and the interviewer rule over them when
 * fewer than two answered. Online cells stay independent draws.
 */
export function withCellDesigns(
  units: readonly UnitWithCells[],
  level: 'subdistrict' | 'community',
  communityFieldCells: readonly CommunityFieldCell[],
  workers: readonly WorkerCell[],
): UnitWithCells[] {
  const icc = districtInterviewerIcc(workers);
  const designEffectOver = (communityIds: ReadonlySet<string>, audience: Audience) => {
    const mine = workers.filter((cell) => cell.audience === audience && communityIds.has(cell.communityId) && cell.moments.n > 0);
    const interviews = mine.reduce((total, cell) => total + cell.moments.n, 0);
    return interviewerDesignEffect(interviews, mine.length, icc);
  };
  return units.map((unit) => ({
    ...unit,
    cells: unit.cells.map((cell) => {
      if (cell.channel !== 'field') return cell;
      if (level === 'community') return { ...cell, design: { kind: 'interviewer' as const, designEffect: designEffectOver(new Set([unit.unitId]), cell.audience) } };
      const clusters = communityFieldCells.filter((community) => community.subdistrictId === unit.unitId && community.audience === cell.audience && community.statistics.respondents > 0);
      const fallbackDesignEffect = designEffectOver(new Set(clusters.map((community) => community.communityId)), cell.audience);
      return { ...cell, design: { kind: 'clustered' as const, clusters: clusters.map((community) => community.statistics), fallbackDesignEffect } };
    }),
  }));
}
