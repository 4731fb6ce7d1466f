import type { Case } from './api';

const noDueDate = '9999-12-31';
const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Work order for a list of cases: overdue first, then by due date (none last), then the newest. */
export function compareForWork(a: Case, b: Case): number {
  return Number(b.overdue) - Number(a.overdue) || compareText(a.dueOn ?? noDueDate, b.dueOn ?? noDueDate) || compareText(b.createdAt, a.createdAt);
}

export interface CaseFilter {
  state?: string | undefined;
  category?: string | undefined;
  communityId?: string | undefined;
  /** Due on or before this ISO date. */
  dueBefore?: string | undefined;
  overdueOnly?: boolean | undefined;
}

/** The cases a list page shows for its filters, in work order. */
export function filterCases(cases: readonly Case[], filter: CaseFilter): Case[] {
  return cases
    .filter(
      (c) =>
        (!filter.state || c.state === filter.state) &&
        (!filter.category || c.category === filter.category) &&
        (!filter.communityId || c.communityIds.includes(filter.communityId)) &&
        (!filter.dueBefore || (c.dueOn !== null && c.dueOn <= filter.dueBefore)) &&
        (!filter.overdueOnly || c.overdue),
    )
    .sort(compareForWork);
}
