import { describe, expect, it } from 'vitest';
import { availableActions, caseActions, caseStates, isOverdue, transition, type CaseAction, type CaseState } from '../../src/shared/cases/machine';
import { defaultDueOn } from '../../src/shared/cases/categories';
import { roles, type Role } from '../../src/shared/roles';

/**
 * Every step the issue allows, written out by hand: [from, action, role, to]. Every other
 * combination of state, action and role must be refused.
 */
const allowed: ReadonlyArray<[CaseState, CaseAction, Role, CaseState]> = [
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
  ['reported_fixed', 'confirm', 'grid_worker', 'confirmed_fixed'],
  ['reported_fixed', 'reopen', 'grid_worker', 'reopened'],
  ['assigned', 'close_unconfirmed', 'supervisor', 'closed_unconfirmed'],
  ['in_progress', 'close_unconfirmed', 'supervisor', 'closed_unconfirmed'],
  ['reported_fixed', 'close_unconfirmed', 'supervisor', 'closed_unconfirmed'],
  ['reopened', 'close_unconfirmed', 'supervisor', 'closed_unconfirmed'],
  ['escalated', 'close_unconfirmed', 'supervisor', 'closed_unconfirmed'],
];
const needsNote: readonly CaseAction[] = ['dismiss', 'escalate', 'close_unconfirmed', 'progress', 'report_fixed', 'department_report'];
const note = 'residents asked, bins moved';

const allowedKey = (from: CaseState, action: CaseAction, role: Role) => `${from}|${action}|${role}`;
const allowedTo = new Map(allowed.map(([from, action, role, to]) => [allowedKey(from, action, role), to]));
const everyCombination = caseStates.flatMap((from) => caseActions.flatMap((action) => roles.map((role) => [from, action, role] as [CaseState, CaseAction, Role])));

describe('case state machine', () => {
  it.each(allowed)('%s --%s by %s--> %s', (from, action, role, to) => {
    expect(transition(from, action, role, note)).toEqual({ ok: true, to });
  });

  it.each(everyCombination.filter(([from, action, role]) => !allowedTo.has(allowedKey(from, action, role))))('refuses %s --%s by %s', (from, action, role) => {
    const outcome = transition(from, action, role, note);
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(['forbidden', 'wrong_state']).toContain(outcome.problem);
  });

  it('refuses a step by a role before looking at the state, so a page can tell who may act', () => {
    expect(transition('new', 'assign', 'subdistrict_officer')).toMatchObject({ ok: false, problem: 'forbidden' });
    expect(transition('confirmed_fixed', 'assign', 'supervisor')).toMatchObject({ ok: false, problem: 'wrong_state' });
  });

  it.each(allowed.filter(([, action]) => needsNote.includes(action)))('%s --%s by %s needs a note', (from, action, role) => {
    expect(transition(from, action, role)).toMatchObject({ ok: false, problem: 'note_required' });
    expect(transition(from, action, role, '   ')).toMatchObject({ ok: false, problem: 'note_required' });
  });

  it.each(allowed.filter(([, action]) => !needsNote.includes(action)))('%s --%s by %s needs no note', (from, action, role, to) => {
    expect(transition(from, action, role)).toEqual({ ok: true, to });
  });

  it('closed states are left by no step', () => {
    for (const state of ['confirmed_fixed', 'dismissed', 'closed_unconfirmed'] as const) {
      for (const role of roles) expect(availableActions(state, role)).toEqual([]);
    }
  });

  it('offers each role the steps it may take', () => {
    expect(availableActions('new', 'supervisor')).toEqual(['categorise', 'assign', 'dismiss']);
    expect(availableActions('in_progress', 'subdistrict_officer')).toEqual(['progress', 'report_fixed', 'escalate']);
    expect(availableActions('escalated', 'department')).toEqual(['accept', 'department_report']);
    expect(availableActions('reported_fixed', 'admin')).toEqual([]);
  });
});

describe('overdue and due dates', () => {
  it('a case waiting on the sub-district or a department past its due date is overdue', () => {
    expect(isOverdue('in_progress', '2026-05-01', '2026-05-02')).toBe(true);
    expect(isOverdue('escalated', '2026-05-01', '2026-05-02')).toBe(true);
    expect(isOverdue('in_progress', '2026-05-02', '2026-05-02')).toBe(false);
    expect(isOverdue('reported_fixed', '2026-05-01', '2026-06-01')).toBe(false);
    expect(isOverdue('confirmed_fixed', '2026-05-01', '2026-06-01')).toBe(false);
    expect(isOverdue('new', null, '2026-06-01')).toBe(false);
  });

  it('defaults the due date by category', () => {
    expect(defaultDueOn('environment_cleanup', '2026-05-20')).toBe('2026-06-04');
    expect(defaultDueOn('old_estate_renovation', '2026-01-01')).toBe('2026-04-01');
    expect(defaultDueOn('something_else', '2026-01-31')).toBe('2026-03-02');
  });
});
