import { describe, expect, it } from 'vitest';
import { matchesRefusalFilters, refusalConditions, type RefusalFilters } from '../../src/shared/refusals';

const decision = { decision: 'dismissed' as const, reason: 'duplicate', correctedRecordId: null, decidedBy: { id: 'u-1', name: 'Supervisor' }, decidedAt: '2026-05-02T08:00:00.000Z' };
const refusal = { status: 'rejected' as const, kind: 'response' as const, communityId: 'yijiangmen-c01', deviceId: 'device-1', decision: null };

describe('the refused records list filters', () => {
  it('say what an open, decided or whole list selects, and each field given, as conditions', () => {
    expect(refusalConditions({ state: 'open' })).toEqual([{ field: 'decision', present: false }]);
    expect(refusalConditions({ state: 'decided', status: 'conflict' })).toEqual([
      { field: 'decision', present: true },
      { field: 'status', equals: 'conflict' },
    ]);
    expect(refusalConditions({ state: 'all', status: undefined, kind: 'visit', communityId: 'c-1', deviceId: 'd-1' })).toEqual([
      { field: 'kind', equals: 'visit' },
      { field: 'communityId', equals: 'c-1' },
      { field: 'deviceId', equals: 'd-1' },
    ]);
  });

  it('match a refusal the way the list selects it: a decision takes it out of the open list only', () => {
    const open: RefusalFilters = { state: 'open', status: 'rejected' };
    expect(matchesRefusalFilters(refusal, open)).toBe(true);
    expect(matchesRefusalFilters({ ...refusal, decision }, open)).toBe(false);
    expect(matchesRefusalFilters({ ...refusal, decision }, { state: 'decided' })).toBe(true);
    expect(matchesRefusalFilters(refusal, { state: 'decided' })).toBe(false);
    expect(matchesRefusalFilters({ ...refusal, decision }, { state: 'all' })).toBe(true);
  });

  it('compare each field given, and ignore those left out', () => {
    expect(matchesRefusalFilters(refusal, { state: 'all', status: 'conflict' })).toBe(false);
    expect(matchesRefusalFilters(refusal, { state: 'all', kind: 'visit' })).toBe(false);
    expect(matchesRefusalFilters(refusal, { state: 'all', communityId: 'yijiangmen-c01', deviceId: 'device-1' })).toBe(true);
    expect(matchesRefusalFilters(refusal, { state: 'all', deviceId: 'device-2' })).toBe(false);
  });
});
