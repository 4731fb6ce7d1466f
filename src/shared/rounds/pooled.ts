import { emptyMoments, estimateMean, mergeMoments, wilsonInterval, type MeanEstimate, type Moments, type TooFewToEstimate } from '../scoring';
import { scoringChannels, type ScoringChannel } from '../scoring/settings';
import { audiences, type Audience } from '../records';
import type { CellScore, HotIssueShare, UnitScoresAnswer } from './api';

/**
 * District-wide figures the dashboard shows beside the per-unit ones, recombined from what the API
 * returns with the shared scoring functions: cells from their n, mean and SD; hot issues from counts.
 */

/** A cell's sufficient statistics back from its summary: Σs = n·m, Σs² = (n−1)·sd² + n·m². */
function momentsOfCell(cell: CellScore): Moments {
  if (cell.n === 0 || cell.mean === null) return emptyMoments;
  const sd = cell.sd ?? 0;
  return { n: cell.n, sum: cell.n * cell.mean, sumSq: (cell.n - 1) * sd * sd + cell.n * cell.mean * cell.mean };
}

export type PooledCell = { channel: ScoringChannel; audience: Audience } & (MeanEstimate | TooFewToEstimate);

/** Each channel × audience over the given units, unweighted (respondents pooled). */
export function pooledCells(units: readonly UnitScoresAnswer[], confidenceLevel: number): PooledCell[] {
  return scoringChannels.flatMap((channel) =>
    audiences.map((audience) => {
      const moments = units
        .flatMap((unit) => unit.cells.filter((cell) => cell.channel === channel && cell.audience === audience))
        .map(momentsOfCell)
        .reduce(mergeMoments, emptyMoments);
      return { channel, audience, ...estimateMean(moments, confidenceLevel) };
    }),
  );
}

/** Hot issues over the given units: counts add, shares and Wilson intervals are recomputed. */
export function pooledHotIssues(units: readonly UnitScoresAnswer[], confidenceLevel: number): HotIssueShare[] {
  // Every hot issue of a unit has the same trials (respondents asked), so take it once per unit.
  const asked = units.reduce((total, unit) => total + (unit.hotIssues[0]?.trials ?? 0), 0);
  const chosen = new Map<string, number>();
  for (const issue of units.flatMap((unit) => unit.hotIssues)) chosen.set(issue.choiceId, (chosen.get(issue.choiceId) ?? 0) + issue.hits);
  return [...chosen.entries()]
    .flatMap(([choiceId, hits]) => {
      const estimate = wilsonInterval({ trials: asked, hits }, confidenceLevel);
      return estimate ? [{ choiceId, ...estimate }] : [];
    })
    .sort((a, b) => b.hits - a.hits);
}
