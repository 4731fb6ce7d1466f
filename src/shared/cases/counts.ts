import type { CaseCounts } from './api';
import { awaitingActionStates, isOverdue, type CaseState } from './machine';

/**
 * Where rectification stands, one definition for the server's per-sub-district counts, the list
 * page's table and the homes' totals: open (waiting on the sub-district or a department), overdue,
 * reported fixed, confirmed fixed.
 */
export const caseCountKeys = ['open', 'overdue', 'fixed', 'confirmed'] as const;
export type CaseCountKey = (typeof caseCountKeys)[number];
export type CaseTally = Record<CaseCountKey, number>;

export const emptyCaseTally: Readonly<CaseTally> = { open: 0, overdue: 0, fixed: 0, confirmed: 0 };

/** Which counts one case adds to, on `today` (an ISO date). */
export function caseCountsOf(state: CaseState, dueOn: string | null, today: string): CaseTally {
  return {
    open: awaitingActionStates.includes(state) ? 1 : 0,
    overdue: isOverdue(state, dueOn, today) ? 1 : 0,
    fixed: state === 'reported_fixed' ? 1 : 0,
    confirmed: state === 'confirmed_fixed' ? 1 : 0,
  };
}

export function addCaseTallies(a: Readonly<CaseTally>, b: Readonly<CaseTally>): CaseTally {
  return { open: a.open + b.open, overdue: a.overdue + b.overdue, fixed: a.fixed + b.fixed, confirmed: a.confirmed + b.confirmed };
}

/** Cases counted per sub-district, in sub-district order; a sub-district without cases has no row. */
export function countCasesBySubdistrict(cases: Iterable<{ subdistrictId: string; state: CaseState; dueOn: string | null }>, today: string): CaseCounts[] {
  const counts = new Map<string, CaseCounts>();
  for (const { subdistrictId, state, dueOn } of cases) {
    const entry = counts.get(subdistrictId) ?? { subdistrictId, ...emptyCaseTally };
    counts.set(subdistrictId, { subdistrictId, ...addCaseTallies(entry, caseCountsOf(state, dueOn, today)) });
  }
  return [...counts.values()].sort((a, b) => (a.subdistrictId < b.subdistrictId ? -1 : 1));
}

/** The counts of several sub-districts summed, for a home that shows its whole scope. */
export function totalCaseCounts(counts: readonly Readonly<CaseTally>[]): CaseTally {
  return counts.reduce<CaseTally>((sum, row) => addCaseTallies(sum, row), { ...emptyCaseTally });
}
