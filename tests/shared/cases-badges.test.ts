import { describe, expect, it } from 'vitest';
import type { Case } from '../../src/shared/cases/api';
import { caseBadge } from '../../src/shared/cases/badges';

const today = '2026-05-10';
const inDays = (days: number) => new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const base: Pick<Case, 'state' | 'dueOn' | 'overdue' | 'departmentAcceptedAt'> = { state: 'assigned', dueOn: inDays(30), overdue: false, departmentAcceptedAt: null };

describe('the home badge', () => {
  it('counts an officer’s new (assigned or reopened), due within 7 days and overdue cases', () => {
    const cases = [base, { ...base, state: 'reopened' as const }, { ...base, state: 'in_progress' as const, dueOn: inDays(3) }, { ...base, state: 'in_progress' as const, dueOn: inDays(-2), overdue: true }, { ...base, state: 'reported_fixed' as const }];
    expect(caseBadge(cases, 'subdistrict_officer', today)).toEqual({ new: 2, dueSoon: 1, overdue: 1 });
  });

  it('counts as new for a department only what it has not yet accepted (报到)', () => {
    const cases = [{ ...base, state: 'escalated' as const }, { ...base, state: 'escalated' as const, departmentAcceptedAt: '2026-05-02T00:00:00Z' }];
    expect(caseBadge(cases, 'department', today)).toEqual({ new: 1, dueSoon: 0, overdue: 0 });
  });
});
