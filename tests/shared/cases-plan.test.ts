import { describe, expect, it } from 'vitest';
import type { Case, CaseTransition } from '../../src/shared/cases/api';
import { defaultDueOn } from '../../src/shared/cases/categories';
import { caseActions, caseStates, type CaseAction, type CaseState } from '../../src/shared/cases/machine';
import { deviceStep, offeredActions, planStep, stepForm, type CaseActor } from '../../src/shared/cases/plan';
import { roles, type Role } from '../../src/shared/roles';

const at = new Date('2026-05-10T02:00:00.000Z');
const iso = at.toISOString();
const departments = [
  { id: 'housing', active: true },
  { id: 'retired', active: false },
];
const context = { at, departments };
const base: Case = {
  id: 'case-1', roundId: '2026-H1', title: '楼道堆物', category: 'environment_cleanup', state: 'new', subdistrictId: 'yijiangmen', communityIds: ['c01', 'c02'],
  departmentId: null, dueOn: null, overdue: false, itemIds: ['i1'], createdAt: '2026-05-01T00:00:00.000Z', updatedAt: '2026-05-01T00:00:00.000Z',
  assignedAt: null, reportedFixedAt: null, departmentAcceptedAt: null, closedAt: null,
};
const inState = (state: CaseState, more: Partial<Case> = {}): Case => ({ ...base, state, ...more });
const office = (role: Role): CaseActor => ({ id: `u-${role}`, role, via: 'office' });
const device = (role: Role): CaseActor => ({ id: `u-${role}`, role, via: 'device', recordId: 'r1' });
/** What each step's form holds when filled in as the page asks. */
const filled = (action: CaseAction): CaseTransition => ({ action, note: ' 已处理 ', category: 'noise_fumes', departmentId: 'housing' });
/** The case's own facts a step needs: a department accepts once, and reports only after accepting. */
const factsFor = (action: CaseAction): Partial<Case> => (action === 'department_report' ? { departmentAcceptedAt: '2026-05-05T00:00:00.000Z' } : {});

/** [from, action, role, to]: every step the office may take; every other office combination is refused. */
const officeSteps: ReadonlyArray<[CaseState, CaseAction, Role, CaseState]> = [
  ['new', 'categorise', 'supervisor', 'new'],
  ['new', 'assign', 'supervisor', 'assigned'],
  ['new', 'dismiss', 'supervisor', 'dismissed'],
  ['assigned', 'start', 'subdistrict_officer', 'in_progress'],
  ['reopened', 'start', 'subdistrict_officer', 'in_progress'],
  ['in_progress', 'progress', 'subdistrict_officer', 'in_progress'],
  ['assigned', 'report_fixed', 'subdistrict_officer', 'reported_fixed'],
  ['in_progress', 'report_fixed', 'subdistrict_officer', 'reported_fixed'],
  ['reopened', 'report_fixed', 'subdistrict_officer', 'reported_fixed'],
  ['assigned', 'escalate', 'subdistrict_officer', 'escalated'],
  ['in_progress', 'escalate', 'subdistrict_officer', 'escalated'],
  ['reopened', 'escalate', 'subdistrict_officer', 'escalated'],
  ['escalated', 'accept', 'department', 'escalated'],
  ['escalated', 'department_report', 'department', 'in_progress'],
  ['assigned', 'close_unconfirmed', 'supervisor', 'closed_unconfirmed'],
  ['in_progress', 'close_unconfirmed', 'supervisor', 'closed_unconfirmed'],
  ['reported_fixed', 'close_unconfirmed', 'supervisor', 'closed_unconfirmed'],
  ['reopened', 'close_unconfirmed', 'supervisor', 'closed_unconfirmed'],
  ['escalated', 'close_unconfirmed', 'supervisor', 'closed_unconfirmed'],
];
/** [from, action, role, to]: the steps records made on devices take. */
const deviceSteps: ReadonlyArray<[CaseState, CaseAction, Role, CaseState]> = [
  ['in_progress', 'progress', 'subdistrict_officer', 'in_progress'],
  ['assigned', 'report_fixed', 'subdistrict_officer', 'reported_fixed'],
  ['in_progress', 'report_fixed', 'subdistrict_officer', 'reported_fixed'],
  ['reopened', 'report_fixed', 'subdistrict_officer', 'reported_fixed'],
  ['reported_fixed', 'confirm', 'grid_worker', 'confirmed_fixed'],
  ['reported_fixed', 'reopen', 'grid_worker', 'reopened'],
];
const key = (from: CaseState, action: CaseAction, role: Role) => `${from}|${action}|${role}`;
const every = caseStates.flatMap((from) => caseActions.flatMap((action) => roles.map((role) => [from, action, role] as [CaseState, CaseAction, Role])));
const allowedAtOffice = new Set(officeSteps.map(([from, action, role]) => key(from, action, role)));
const allowedOnDevice = new Set(deviceSteps.map(([from, action, role]) => key(from, action, role)));

describe('planStep at the office', () => {
  it.each(officeSteps)('%s --%s by %s--> %s: one event, the state written from where it was read', (from, action, role, to) => {
    const plan = planStep(inState(from, factsFor(action)), office(role), filled(action), context);
    expect(plan).toMatchObject({ ok: true, from, changes: { state: to, updatedAt: iso } });
    if (plan.ok) expect(plan.events).toEqual([{ action, fromState: from, toState: to, note: '已处理', evidence: [], sourceRecordId: null }]);
  });

  it.each(every.filter(([from, action, role]) => !allowedAtOffice.has(key(from, action, role))))('refuses %s --%s by %s', (from, action, role) => {
    const plan = planStep(inState(from, factsFor(action)), office(role), filled(action), context);
    expect(plan.ok).toBe(false);
    if (!plan.ok) expect(['forbidden', 'conflict']).toContain(plan.problem);
  });

  it('never takes the residents’ steps (confirm, reopen) from the office, whoever asks', () => {
    for (const role of roles) {
      expect(planStep(inState('reported_fixed'), office(role), filled('confirm'), context)).toMatchObject({ ok: false, problem: 'forbidden' });
      expect(planStep(inState('reported_fixed'), office(role), filled('reopen'), context)).toMatchObject({ ok: false, problem: 'forbidden' });
    }
  });

  it('refuses a step without the reason or report it needs, as invalid', () => {
    for (const action of ['dismiss', 'progress', 'report_fixed', 'escalate', 'department_report', 'close_unconfirmed'] as const) {
      const [from, , role] = officeSteps.find(([, a]) => a === action)!;
      expect(planStep(inState(from, factsFor(action)), office(role), { ...filled(action), note: '  ' }, context)).toMatchObject({ ok: false, problem: 'invalid', message: expect.stringMatching(/^note:/) });
    }
  });

  it('categorise needs a category; escalate an active department', () => {
    expect(planStep(inState('new'), office('supervisor'), { action: 'categorise' }, context)).toMatchObject({ ok: false, problem: 'invalid', message: expect.stringMatching(/^category:/) });
    const officer = office('subdistrict_officer');
    expect(planStep(inState('in_progress'), officer, { action: 'escalate', note: '需要住建' }, context)).toMatchObject({ ok: false, problem: 'invalid', message: expect.stringMatching(/^departmentId:/) });
    expect(planStep(inState('in_progress'), officer, { action: 'escalate', note: '需要住建', departmentId: 'retired' }, context)).toMatchObject({ ok: false, problem: 'invalid' });
    expect(planStep(inState('in_progress'), officer, { action: 'escalate', note: '需要住建', departmentId: 'absent' }, context)).toMatchObject({ ok: false, problem: 'invalid' });
  });

  it('a department accepts once, and reports only after accepting', () => {
    const dept = office('department');
    expect(planStep(inState('escalated', { departmentAcceptedAt: '2026-05-05T00:00:00.000Z' }), dept, { action: 'accept' }, context)).toMatchObject({ ok: false, problem: 'conflict' });
    expect(planStep(inState('escalated'), dept, { action: 'department_report', note: '已处置' }, context)).toMatchObject({ ok: false, problem: 'conflict' });
  });

  it('sets what each step sets beside the state', () => {
    const supervisor = office('supervisor');
    const assigned = planStep(inState('new'), supervisor, { action: 'assign' }, context);
    expect(assigned).toMatchObject({ changes: { assignedAt: iso, dueOn: defaultDueOn('environment_cleanup', '2026-05-10') } });
    expect(planStep(inState('new'), supervisor, { action: 'assign', dueOn: '2026-07-01', category: 'noise_fumes' }, context)).toMatchObject({ changes: { dueOn: '2026-07-01', category: 'noise_fumes' } });
    // The district's day, not UTC's: assigned at 23:30 UTC is the next day in Nanjing.
    expect(planStep(inState('new'), supervisor, { action: 'assign' }, { ...context, at: new Date('2026-05-10T23:30:00Z') })).toMatchObject({ changes: { dueOn: defaultDueOn('environment_cleanup', '2026-05-11') } });
    expect(planStep(inState('new'), supervisor, { action: 'categorise', category: 'noise_fumes' }, context)).toMatchObject({ changes: { state: 'new', category: 'noise_fumes' } });
    expect(planStep(inState('in_progress', { departmentAcceptedAt: 'x' }), office('subdistrict_officer'), { action: 'escalate', note: '需要住建', departmentId: 'housing' }, context)).toMatchObject({ changes: { departmentId: 'housing', departmentAcceptedAt: null } });
    expect(planStep(inState('escalated'), office('department'), { action: 'accept' }, context)).toMatchObject({ changes: { departmentAcceptedAt: iso } });
    expect(planStep(inState('in_progress'), office('subdistrict_officer'), { action: 'report_fixed', note: '清理了' }, context)).toMatchObject({ changes: { reportedFixedAt: iso } });
    for (const [action, from] of [['dismiss', 'new'], ['close_unconfirmed', 'escalated']] as const) {
      const plan = planStep(inState(from), supervisor, { action, note: '重复' }, context);
      expect(plan.ok && plan.changes.closedAt).toBe(iso);
    }
    const started = planStep(inState('assigned'), office('subdistrict_officer'), { action: 'start' }, context);
    expect(started.ok && Object.keys(started.changes).sort()).toEqual(['state', 'updatedAt']);
  });

  it('publishes re-visit tasks when reported fixed, withdraws them when the case leaves that state, and keeps the evidence', () => {
    const reported = planStep(inState('in_progress'), office('subdistrict_officer'), { action: 'report_fixed', note: ' 清理了 ', evidence: ['a'.repeat(64)] }, context);
    expect(reported).toMatchObject({ effects: [{ kind: 'publish_revisit_tasks', report: '清理了' }], events: [{ evidence: ['a'.repeat(64)] }] });
    expect(planStep(inState('reported_fixed'), office('supervisor'), { action: 'close_unconfirmed', note: '无法回访' }, context)).toMatchObject({ effects: [{ kind: 'withdraw_revisit_tasks' }] });
    expect(planStep(inState('escalated'), office('supervisor'), { action: 'close_unconfirmed', note: '无法回访' }, context)).toMatchObject({ effects: [] });
  });
});

describe('planStep for records made on devices', () => {
  it.each(deviceSteps)('%s --%s by %s on a device--> %s, the event naming its record', (from, action, role, to) => {
    const plan = planStep(inState(from), device(role), filled(action), context);
    expect(plan).toMatchObject({ ok: true, changes: { state: to }, events: [{ action, sourceRecordId: 'r1' }] });
  });

  it.each(every.filter(([from, action, role]) => (role === 'grid_worker' || role === 'subdistrict_officer') && !allowedOnDevice.has(key(from, action, role)) && !allowedAtOffice.has(key(from, action, role))))(
    'refuses %s --%s by %s on a device',
    (from, action, role) => {
      expect(planStep(inState(from, factsFor(action)), device(role), filled(action), context).ok).toBe(false);
    },
  );

  it('confirming or reopening withdraws the re-visit tasks', () => {
    for (const action of ['confirm', 'reopen'] as const) expect(planStep(inState('reported_fixed'), device('grid_worker'), { action, note: '3: improved' }, context)).toMatchObject({ effects: [{ kind: 'withdraw_revisit_tasks' }] });
  });
});

describe('deviceStep', () => {
  const provenance = { authorId: 'w1', deviceId: 'd1', createdAt: '2026-05-09T00:00:00.000Z', finalisedAt: '2026-05-09T00:05:00.000Z' };
  const revisit = (outcome: 'improved' | 'partly' | 'not_improved', communityId = 'c02') => ({ id: 'r1', authorId: 'w1', kind: 'revisit' as const, data: { ...provenance, communityId, caseId: 'case-1', outcome, residentsAsked: 3, comment: '好多了' } });

  it('residents’ answer confirms ("improved") or reopens, as the worker who recorded it', () => {
    expect(deviceStep(inState('reported_fixed'), revisit('improved'))).toEqual({ actor: { id: 'w1', role: 'grid_worker', via: 'device', recordId: 'r1' }, step: { action: 'confirm', note: '3: improved — 好多了' } });
    expect(deviceStep(inState('reported_fixed'), revisit('partly'))?.step.action).toBe('reopen');
    expect(deviceStep(inState('reported_fixed'), revisit('not_improved'))?.step.action).toBe('reopen');
  });

  it('an answer from a community the case is not raised in changes nothing', () => {
    expect(deviceStep(inState('reported_fixed'), revisit('improved', 'c99'))).toBeUndefined();
  });

  it('an officer’s report takes its own step with its photos as evidence', () => {
    const photo = { blobHash: 'b'.repeat(64), mediaType: 'image/jpeg' as const, bytes: 10 };
    const made = deviceStep(inState('in_progress'), { id: 'r2', authorId: 'o1', kind: 'case_report', data: { ...provenance, communityId: 'c01', caseId: 'case-1', action: 'report_fixed', note: '清理了', photos: [photo] } });
    expect(made).toEqual({ actor: { id: 'o1', role: 'subdistrict_officer', via: 'device', recordId: 'r2' }, step: { action: 'report_fixed', note: '清理了', evidence: ['b'.repeat(64)] } });
  });
});

describe('what the page offers', () => {
  it('offers each role the steps planStep would take, never the residents’ ones', () => {
    expect(offeredActions(inState('new'), 'supervisor')).toEqual(['categorise', 'assign', 'dismiss']);
    expect(offeredActions(inState('in_progress'), 'subdistrict_officer')).toEqual(['progress', 'report_fixed', 'escalate']);
    expect(offeredActions(inState('reported_fixed'), 'supervisor')).toEqual(['close_unconfirmed']);
    expect(offeredActions(inState('reported_fixed'), 'grid_worker')).toEqual([]);
    expect(offeredActions(inState('confirmed_fixed'), 'supervisor')).toEqual([]);
  });

  it('a department is offered 报到 until it accepted, then its report', () => {
    expect(offeredActions(inState('escalated'), 'department')).toEqual(['accept']);
    expect(offeredActions(inState('escalated', { departmentAcceptedAt: '2026-05-05T00:00:00.000Z' }), 'department')).toEqual(['department_report']);
  });

  it('asks a reason for refusing or closing, a report with photos for what was done', () => {
    expect(stepForm('dismiss')).toEqual({ note: 'reason', photos: false });
    expect(stepForm('report_fixed')).toEqual({ note: 'report', photos: true });
    expect(stepForm('department_report')).toEqual({ note: 'report', photos: true });
    expect(stepForm('assign')).toEqual({ note: undefined, photos: false });
  });
});
