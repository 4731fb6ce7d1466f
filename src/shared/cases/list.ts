import type { Case } from './api';

const noDueDate = '9999-12-31';
const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Work order for a list of cases: overdue first, then by due date (none last), then the newest,
 * then by id so that pages never overlap. The server's paged query sorts in SQL to this order.
 */
export function compareForWork(a: Case, b: Case): number {
  return Number(b.overdue) - Number(a.overdue) || compareText(a.dueOn ?? noDueDate, b.dueOn ?? noDueDate) || compareText(b.createdAt, a.createdAt) || compareText(b.id, a.id);
}
