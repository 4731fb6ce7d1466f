import { z } from 'zod/mini';
import type { Role } from '../roles';

/**
 * The case state machine of the negative list, one definition for device and server:
 * new → assigned → in progress → reported fixed → confirmed fixed | reopened, plus escalated,
 * dismissed and closed without confirmation. Who may take each step, and which steps need a reason.
 */
export const caseStates = ['new', 'assigned', 'in_progress', 'reported_fixed', 'confirmed_fixed', 'reopened', 'escalated', 'dismissed', 'closed_unconfirmed'] as const;
export const caseStateSchema = z.enum(caseStates);
export type CaseState = z.infer<typeof caseStateSchema>;

export const caseActions = [
  'categorise',
  'assign',
  'dismiss',
  'start',
  'progress',
  'report_fixed',
  'escalate',
  'accept',
  'department_report',
  'confirm',
  'reopen',
  'close_unconfirmed',
] as const;
export const caseActionSchema = z.enum(caseActions);
export type CaseAction = z.infer<typeof caseActionSchema>;

interface ActionRule {
  from: readonly CaseState[];
  /** The state after the step; progress reports and acceptance keep the state. */
  to: CaseState | 'same';
  roles: readonly Role[];
  /** What the note must hold: a reason for refusing or closing, a report of what was done. */
  note?: 'reason' | 'report';
}

/** The sub-district's working states: a case here waits on the sub-district. */
const withSubdistrict = ['assigned', 'in_progress', 'reopened'] as const satisfies readonly CaseState[];

export const caseRules: Readonly<Record<CaseAction, ActionRule>> = {
  categorise: { from: ['new'], to: 'same', roles: ['supervisor'] },
  assign: { from: ['new'], to: 'assigned', roles: ['supervisor'] },
  dismiss: { from: ['new'], to: 'dismissed', roles: ['supervisor'], note: 'reason' },
  start: { from: ['assigned', 'reopened'], to: 'in_progress', roles: ['subdistrict_officer'] },
  progress: { from: ['in_progress'], to: 'same', roles: ['subdistrict_officer'], note: 'report' },
  report_fixed: { from: withSubdistrict, to: 'reported_fixed', roles: ['subdistrict_officer'], note: 'report' },
  escalate: { from: withSubdistrict, to: 'escalated', roles: ['subdistrict_officer'], note: 'reason' },
  // 报到: the department takes the case on; it stays escalated until the department reports back.
  accept: { from: ['escalated'], to: 'same', roles: ['department'] },
  department_report: { from: ['escalated'], to: 'in_progress', roles: ['department'], note: 'report' },
  // Taken on the residents' answer, which a grid worker records at the door.
  confirm: { from: ['reported_fixed'], to: 'confirmed_fixed', roles: ['grid_worker'] },
  reopen: { from: ['reported_fixed'], to: 'reopened', roles: ['grid_worker'] },
  close_unconfirmed: { from: [...withSubdistrict, 'reported_fixed', 'escalated'], to: 'closed_unconfirmed', roles: ['supervisor'], note: 'reason' },
};

/** States no step leaves: the case is closed. */
export const closedCaseStates: readonly CaseState[] = ['confirmed_fixed', 'dismissed', 'closed_unconfirmed'];
/** States in which the case waits on the sub-district or a department, so its due date runs. */
export const awaitingActionStates: readonly CaseState[] = [...withSubdistrict, 'escalated'];

export type TransitionOutcome = { ok: true; to: CaseState } | { ok: false; problem: 'forbidden' | 'wrong_state' | 'note_required'; message: string };

/** Whether `role` may take `action` on a case in `from`, with `note`; the state it leads to. */
export function transition(from: CaseState, action: CaseAction, role: Role, note?: string | null): TransitionOutcome {
  const rule = caseRules[action];
  if (!rule.roles.includes(role)) return { ok: false, problem: 'forbidden', message: `the role ${role} may not ${action} a case` };
  if (!rule.from.includes(from)) return { ok: false, problem: 'wrong_state', message: `a case that is ${from} cannot be ${action}` };
  if (rule.note && (note ?? '').trim() === '') return { ok: false, problem: 'note_required', message: `note: ${action} needs a ${rule.note}` };
  return { ok: true, to: rule.to === 'same' ? from : rule.to };
}

/** The actions `role` may take on a case in `state` (what a page offers). */
export function availableActions(state: CaseState, role: Role): CaseAction[] {
  return caseActions.filter((action) => caseRules[action].from.includes(state) && caseRules[action].roles.includes(role));
}

/**
 * Past its due date while still waiting on the sub-district or a department. A case reported fixed
 * is not overdue: its fate is the residents' to tell. `today` and `dueOn` are ISO dates.
 */
export function isOverdue(state: CaseState, dueOn: string | null, today: string): boolean {
  return dueOn !== null && dueOn < today && awaitingActionStates.includes(state);
}
