import { describe, expect, it } from 'vitest';
import { caseCountKeys, caseCountsOf, countCasesBySubdistrict, totalCaseCounts } from '../../src/shared/cases/counts';
import { caseStates } from '../../src/shared/cases/machine';

const today = '2026-05-10';

describe('where rectification stands', () => {
  it('counts a case waiting on the sub-district or a department as open, and overdue past its due date', () => {
    const open = caseStates.filter((state) => caseCountsOf(state, null, today).open === 1);
    expect(open).toEqual(['assigned', 'in_progress', 'reopened', 'escalated']);
    expect(caseCountsOf('in_progress', '2026-05-09', today)).toEqual({ open: 1, overdue: 1, fixed: 0, confirmed: 0 });
    expect(caseCountsOf('in_progress', '2026-05-10', today)).toEqual({ open: 1, overdue: 0, fixed: 0, confirmed: 0 });
    expect(caseCountsOf('reported_fixed', '2026-05-01', today)).toEqual({ open: 0, overdue: 0, fixed: 1, confirmed: 0 });
    expect(caseCountsOf('confirmed_fixed', null, today)).toEqual({ open: 0, overdue: 0, fixed: 0, confirmed: 1 });
    expect(caseCountsOf('new', '2026-05-01', today)).toEqual({ open: 0, overdue: 0, fixed: 0, confirmed: 0 });
  });

  it('counts per sub-district in sub-district order, and sums them for a whole scope', () => {
    const counts = countCasesBySubdistrict(
      [
        { subdistrictId: 'xiaguan', state: 'assigned', dueOn: '2026-05-01' },
        { subdistrictId: 'hunan', state: 'reported_fixed', dueOn: null },
        { subdistrictId: 'xiaguan', state: 'confirmed_fixed', dueOn: null },
        { subdistrictId: 'xiaguan', state: 'escalated', dueOn: '2026-06-01' },
      ],
      today,
    );
    expect(counts).toEqual([
      { subdistrictId: 'hunan', open: 0, overdue: 0, fixed: 1, confirmed: 0 },
      { subdistrictId: 'xiaguan', open: 2, overdue: 1, fixed: 0, confirmed: 1 },
    ]);
    expect(totalCaseCounts(counts)).toEqual({ open: 2, overdue: 1, fixed: 1, confirmed: 1 });
    expect(totalCaseCounts([])).toEqual({ open: 0, overdue: 0, fixed: 0, confirmed: 0 });
    expect(Object.keys(totalCaseCounts(counts))).toEqual([...caseCountKeys]);
  });
});
