import type { CaseReportAction, RecordData } from '../records';
import type { Role } from '../roles';
import type { Case, CaseEvent, CaseTransition, Department } from './api';
import { defaultDueOn, districtDate } from './categories';
import { availableActions, caseRules, closedCaseStates, transition, type CaseAction, type CaseState } from './machine';

/**
 * One step of a case, decided in one place: the office page asks it what to offer, the transitions
 * route asks it whether to take a step, and the push asks it what a device's report does. The
 * repository only writes what a plan says.
 */

/**
 * Who takes a step. `office`: a signed-in user at the transitions route. `device`: a record made on
 * a phone (an officer's report, residents' answer at the door), applied when the push stores it.
 */
export type CaseActor = { id: string; role: Role; via: 'office' } | { id: string; role: Role; via: 'device'; recordId: string };

/** What the step sets on the case beside its state (and `updatedAt`, always). */
export interface CaseChanges {
  state: CaseState;
  updatedAt: string;
  category?: string;
  assignedAt?: string;
  dueOn?: string;
  departmentId?: string;
  departmentAcceptedAt?: string | null;
  reportedFixedAt?: string;
  closedAt?: string;
}

/** An event the step appends to the timeline. */
export type PlannedEvent = Pick<CaseEvent, 'action' | 'fromState' | 'toState' | 'note' | 'evidence'> & { sourceRecordId: string | null };

/** What else the step does: a case reported fixed asks its communities' residents; leaving that state withdraws the question. */
export type CaseEffect = { kind: 'publish_revisit_tasks'; report: string | null } | { kind: 'withdraw_revisit_tasks' };

export interface CasePlan {
  ok: true;
  /** The state the step starts from: the write applies only while the case is still in it. */
  from: CaseState;
  changes: CaseChanges;
  events: PlannedEvent[];
  effects: CaseEffect[];
}

export interface CaseRefusal {
  ok: false;
  problem: 'forbidden' | 'conflict' | 'invalid';
  message: string;
}

export interface PlanContext {
  at: Date;
  /** The departments a case may be escalated to (only the active ones are). */
  departments: readonly Pick<Department, 'id' | 'active'>[];
}

const refuse = (problem: CaseRefusal['problem'], message: string): CaseRefusal => ({ ok: false, problem, message });

/** Steps only a device's record takes: residents' answers are recorded at the door, never by a button. */
const deviceOnly: readonly CaseAction[] = ['confirm', 'reopen'];

/** What the case's own facts forbid beyond its state: a step only a device takes, a department's acceptance out of turn. */
function caseFactRefusal(current: Case, actor: CaseActor, action: CaseAction): CaseRefusal | undefined {
  if (actor.via === 'office' && deviceOnly.includes(action)) return refuse('forbidden', `${action} comes from residents’ answers at the door, not from the office`);
  if (action === 'accept' && current.departmentAcceptedAt !== null) return refuse('conflict', 'the department has already accepted this case');
  if (action === 'department_report' && current.departmentAcceptedAt === null) return refuse('conflict', 'accept (报到) the case before reporting on it');
  return undefined;
}

/** What the step's form must hold beside its note: the category chosen, the department called on. */
function detailRefusal(step: CaseTransition, context: PlanContext): CaseRefusal | undefined {
  if (step.action === 'categorise' && !step.category) return refuse('invalid', 'category: categorise needs a category');
  if (step.action !== 'escalate') return undefined;
  if (!step.departmentId) return refuse('invalid', 'departmentId: escalate needs the department called on');
  return context.departments.some((d) => d.id === step.departmentId && d.active !== false) ? undefined : refuse('invalid', `departmentId: no active department ${step.departmentId}`);
}

/** The fields a step sets on the case, at `at`. */
function changesOf(current: Case, step: CaseTransition, to: CaseState, at: Date): CaseChanges {
  const iso = at.toISOString();
  const changes: CaseChanges = { state: to, updatedAt: iso };
  if (step.action === 'categorise' && step.category) changes.category = step.category;
  if (step.action === 'assign') {
    changes.assignedAt = iso;
    changes.dueOn = step.dueOn ?? defaultDueOn(step.category ?? current.category, districtDate(at));
    if (step.category) changes.category = step.category;
  }
  if (step.action === 'escalate' && step.departmentId) {
    changes.departmentId = step.departmentId;
    changes.departmentAcceptedAt = null;
  }
  if (step.action === 'accept') changes.departmentAcceptedAt = iso;
  if (step.action === 'report_fixed') changes.reportedFixedAt = iso;
  if (closedCaseStates.includes(to)) changes.closedAt = iso;
  return changes;
}

/** Takes `step` on `current` for `actor`: what to write, or why not. Pure: the clock and the departments come in `context`. */
export function planStep(current: Case, actor: CaseActor, step: CaseTransition, context: PlanContext): CasePlan | CaseRefusal {
  const outcome = transition(current.state, step.action, actor.role, step.note);
  if (!outcome.ok) return refuse(outcome.problem === 'forbidden' ? 'forbidden' : outcome.problem === 'wrong_state' ? 'conflict' : 'invalid', outcome.message);
  const refusal = caseFactRefusal(current, actor, step.action) ?? detailRefusal(step, context);
  if (refusal) return refusal;
  const note = step.note?.trim() || null;
  const effects: CaseEffect[] = [];
  if (step.action === 'report_fixed') effects.push({ kind: 'publish_revisit_tasks', report: note });
  if (current.state === 'reported_fixed' && outcome.to !== 'reported_fixed') effects.push({ kind: 'withdraw_revisit_tasks' });
  return {
    ok: true,
    from: current.state,
    changes: changesOf(current, step, outcome.to, context.at),
    events: [{ action: step.action, fromState: current.state, toState: outcome.to, note, evidence: [...(step.evidence ?? [])], sourceRecordId: actor.via === 'device' ? actor.recordId : null }],
    effects,
  };
}

/** The steps `role` is offered on `current` at the office: those `planStep` takes once the form holds its note and details. */
export function offeredActions(current: Case, role: Role): CaseAction[] {
  const actor: CaseActor = { id: '', role, via: 'office' };
  return availableActions(current.state, role).filter((action) => !caseFactRefusal(current, actor, action));
}

/** What the form for `action` asks: a reason or a report of what was done, and whether photos go with it. */
export function stepForm(action: CaseAction): { note: 'reason' | 'report' | undefined; photos: boolean } {
  return { note: caseRules[action].note, photos: caseRules[action].note === 'report' };
}

/** Officers' steps that are made on the device (offline included) as case_report records, not sent to the route. */
export function isDeviceReport(action: CaseAction, role: Role): action is CaseReportAction {
  return role === 'subdistrict_officer' && (action === 'progress' || action === 'report_fixed');
}

/**
 * The step a device's record asks for, and who takes it: an officer's report takes its own step; the
 * residents' first answer at the door confirms the case ("improved") or reopens it. `undefined`: the
 * record stays a record and changes nothing (an answer from a community the case is not raised in).
 */
export function deviceStep(
  current: Case,
  record: { id: string; authorId: string } & ({ kind: 'case_report'; data: RecordData<'case_report'> } | { kind: 'revisit'; data: RecordData<'revisit'> }),
): { actor: CaseActor; step: CaseTransition } | undefined {
  if (record.kind === 'case_report') {
    const { data } = record;
    return { actor: { id: record.authorId, role: 'subdistrict_officer', via: 'device', recordId: record.id }, step: { action: data.action, note: data.note, evidence: data.photos.map((photo) => photo.blobHash) } };
  }
  const { data } = record;
  if (!current.communityIds.includes(data.communityId)) return undefined;
  const note = [`${data.residentsAsked}: ${data.outcome}`, data.comment].filter(Boolean).join(' — ');
  return { actor: { id: record.authorId, role: 'grid_worker', via: 'device', recordId: record.id }, step: { action: data.outcome === 'improved' ? 'confirm' : 'reopen', note } };
}
