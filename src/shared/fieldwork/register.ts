import { compareAddresses, type Household } from './households';
import { revisitOutcomes, visitsOnDay, type Visit } from './visits';

/** Where a household stands this round, from its latest visit. */
export type HouseholdStatus = 'unvisited' | 'revisit' | 'done';

/**
 * Not visited yet; to be visited again (nobody home, asked to come back); or done with for the
 * round (questionnaire completed, refused, moved away).
 */
export function householdStatus(latest: Visit | undefined): HouseholdStatus {
  if (!latest) return 'unvisited';
  return revisitOutcomes.includes(latest.outcome) ? 'revisit' : 'done';
}

const statusOrder: Record<HouseholdStatus, number> = { unvisited: 0, revisit: 1, done: 2 };

/** The register as the worker walks it: unvisited first, then revisits, then done; by address within each. */
export function registerOrder<H extends Household>(households: readonly H[], latest: ReadonlyMap<string, Visit>): H[] {
  const rank = (household: H) => statusOrder[householdStatus(latest.get(household.id))];
  return [...households].sort((a, b) => rank(a) - rank(b) || compareAddresses(a, b));
}

/**
 * Households matching what the worker typed: each word is a building (the whole number) or part of a
 * room, so "3 401" and "3栋401" find 3栋2单元401室; a word ending in 栋 is a building only.
 */
export function searchHouseholds<H extends Household>(households: readonly H[], query: string): H[] {
  const words = query.replace(/栋/g, '栋 ').replace(/[室号]/g, ' ').trim().split(/\s+/).filter(Boolean);
  const matches = (household: H, word: string) =>
    word.endsWith('栋') ? household.building === word.slice(0, -1) : household.building === word || household.room.includes(word);
  return households.filter((household) => words.every((word) => matches(household, word)));
}

/**
 * The next household to knock on after `currentId`: the first one of the same community, in address
 * order, not visited yet this round, after the current one and else from the start of the register.
 */
export function nextUnvisited<H extends Household>(households: readonly H[], latest: ReadonlyMap<string, Visit>, currentId: string): H | undefined {
  const current = households.find((household) => household.id === currentId);
  if (!current) return undefined;
  const candidates = households
    .filter((household) => household.communityId === current.communityId && household.id !== currentId && !latest.has(household.id))
    .sort(compareAddresses);
  return candidates.find((household) => compareAddresses(household, current) > 0) ?? candidates[0];
}

/** How many households were visited on a device-local day: two visits to one door count once. */
export function householdsVisitedOn(visits: readonly Visit[], day: string): number {
  return new Set(visitsOnDay(visits, day).map((visit) => visit.householdId)).size;
}
