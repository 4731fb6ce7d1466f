import type { Case } from './api';
import type { Role } from '../roles';
import { awaitingActionStates } from './machine';

/** Days ahead in which a due date counts as "due soon" on the home badges. */
export const dueSoonDays = 7;

/**
 * What a home badge counts for the role: new cases waiting for it (assigned and not started for an
 * officer, escalated and not accepted for a department), cases due within `dueSoonDays`, overdue ones.
 */
export function caseBadge(cases: readonly Pick<Case, 'state' | 'dueOn' | 'overdue' | 'departmentAcceptedAt'>[], role: Role, today: string): { new: number; dueSoon: number; overdue: number } {
  const soon = new Date(`${today}T00:00:00Z`);
  soon.setUTCDate(soon.getUTCDate() + dueSoonDays);
  const soonDay = soon.toISOString().slice(0, 10);
  const isNew = (c: (typeof cases)[number]) => (role === 'department' ? c.state === 'escalated' && c.departmentAcceptedAt === null : c.state === 'assigned' || c.state === 'reopened');
  return {
    new: cases.filter(isNew).length,
    dueSoon: cases.filter((c) => !c.overdue && c.dueOn !== null && c.dueOn >= today && c.dueOn <= soonDay && awaitingActionStates.includes(c.state)).length,
    overdue: cases.filter((c) => c.overdue).length,
  };
}
