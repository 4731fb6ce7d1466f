import type { VisitOutcome } from '../records';
import type { Household } from './households';
import { localDay } from './rounds';

/** A visit as the worker's lists show it. */
export interface Visit {
  id: string;
  householdId: string;
  communityId: string;
  roundId: string;
  outcome: VisitOutcome;
  revisitOn?: string | undefined;
  responseId?: string | undefined;
  finalisedAt: string;
}

/** Outcomes after which the household is to be visited again. */
export const revisitOutcomes: readonly VisitOutcome[] = ['nobody_home', 'come_back_later'];

/** Each household's most recent visit. */
export function latestVisitByHousehold<V extends Visit>(visits: readonly V[]): Map<string, V> {
  const latest = new Map<string, V>();
  for (const visit of visits) {
    const current = latest.get(visit.householdId);
    if (!current || visit.finalisedAt > current.finalisedAt) latest.set(visit.householdId, visit);
  }
  return latest;
}

/**
 * The revisit rule: households whose last visit found nobody home or was asked to come back,
 * soonest first (the agreed day, else when the visit was made).
 */
export function revisitList<V extends Visit>(households: readonly Household[], latest: ReadonlyMap<string, V>): Array<{ household: Household; visit: V }> {
  return households
    .flatMap((household) => {
      const visit = latest.get(household.id);
      return visit && revisitOutcomes.includes(visit.outcome) ? [{ household, visit }] : [];
    })
    .sort((a, b) => (a.visit.revisitOn ?? a.visit.finalisedAt).localeCompare(b.visit.revisitOn ?? b.visit.finalisedAt));
}

/** Visits made on a device-local day, newest first. */
export function visitsOnDay<V extends Visit>(visits: readonly V[], day: string): V[] {
  return visits.filter((visit) => localDay(new Date(visit.finalisedAt)) === day).sort((a, b) => b.finalisedAt.localeCompare(a.finalisedAt));
}
