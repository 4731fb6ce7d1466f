import { suppressSmallGroup } from '../scoring/display';
import type { RoundCounts } from './api';

/**
 * What stands between a closed round and publishing it, one answer for the office page (which
 * disables the step and says why) and the transition route (which refuses it): every late response
 * must be admitted or excluded first.
 */
export function lateResponsesBlockingPublish(counts: Pick<RoundCounts, 'latePending'>): number {
  return counts.latePending;
}

/** The route's refusal of a publish the late responses block, or null when nothing blocks it. */
export function publishRefusal(counts: Pick<RoundCounts, 'latePending'>): string | null {
  const pending = lateResponsesBlockingPublish(counts);
  return pending > 0 ? `${pending} late responses need a decision (admit or exclude) before publishing` : null;
}

/** The units the public page shows: those with at least the round's minimum group of respondents. */
export function publiclyShownUnits<T extends { n: number }>(units: readonly T[], minimumGroupSize: number): T[] {
  return units.filter((unit) => !suppressSmallGroup(unit, minimumGroupSize).suppressed);
}

/** How many of a round's units publishing would show, and of how many. */
export interface PublicReach {
  shown: number;
  total: number;
}

export function publicReach(units: readonly { n: number }[], minimumGroupSize: number): PublicReach {
  return { shown: publiclyShownUnits(units, minimumGroupSize).length, total: units.length };
}

/** What the office is warned of before publishing: nothing, a page that shows no unit, or some units withheld. */
export type ReachWarning = { kind: 'none' } | { kind: 'shows_nothing'; total: number } | { kind: 'withholds'; withheld: number; total: number };

export function reachWarning(reach: PublicReach): ReachWarning {
  if (reach.shown === reach.total) return { kind: 'none' };
  return reach.shown === 0 ? { kind: 'shows_nothing', total: reach.total } : { kind: 'withholds', withheld: reach.total - reach.shown, total: reach.total };
}
