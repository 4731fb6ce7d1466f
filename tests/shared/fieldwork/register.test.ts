import { describe, expect, it } from 'vitest';
import type { Household } from '../../../src/shared/fieldwork/households';
import { householdStatus, householdsVisitedOn, nextUnvisited, registerOrder, searchHouseholds } from '../../../src/shared/fieldwork/register';
import { latestVisitByHousehold, type Visit } from '../../../src/shared/fieldwork/visits';

const household = (id: string, building: string, unit: string, room: string, communityId = 'yijiangmen-c01'): Household => ({ id, communityId, building, unit, room, source: 'assigned' });
const visit = (householdId: string, outcome: Visit['outcome'], finalisedAt: string): Visit => ({ id: `${householdId}-${finalisedAt}`, householdId, communityId: 'yijiangmen-c01', roundId: '2026-H1', outcome, finalisedAt });

const register = [
  household('done', '1', '1', '101'),
  household('later', '1', '1', '102'),
  household('fresh-10', '10', '1', '101'),
  household('fresh-2', '2', '1', '101'),
  household('refused', '2', '1', '201'),
  household('other', '1', '1', '103', 'yijiangmen-c02'),
];
const latest = latestVisitByHousehold([
  visit('done', 'nobody_home', '2026-03-01T08:00:00Z'),
  visit('done', 'completed', '2026-03-02T08:00:00Z'),
  visit('later', 'completed', '2026-03-01T08:00:00Z'),
  visit('later', 'come_back_later', '2026-03-02T09:00:00Z'),
  visit('refused', 'refused', '2026-03-02T10:00:00Z'),
]);

describe('household status in the register', () => {
  it('follows the latest visit: none, one to go back to, or done with', () => {
    expect(householdStatus(undefined)).toBe('unvisited');
    expect(householdStatus(latest.get('later'))).toBe('revisit');
    expect(householdStatus(latest.get('done'))).toBe('done');
    expect(householdStatus(latest.get('refused'))).toBe('done');
    expect(householdStatus(visit('x', 'nobody_home', '2026-03-02T08:00:00Z'))).toBe('revisit');
  });

  it('puts unvisited households first, then revisits, then done ones, by address within each', () => {
    expect(registerOrder(register, latest).map((h) => h.id)).toEqual(['other', 'fresh-2', 'fresh-10', 'later', 'done', 'refused']);
  });
});

describe('searching the register', () => {
  it('finds households by building and room as the worker types', () => {
    expect(searchHouseholds(register, '2').map((h) => h.id)).toEqual(['later', 'fresh-2', 'refused']);
    expect(searchHouseholds(register, '2 201').map((h) => h.id)).toEqual(['refused']);
    expect(searchHouseholds(register, '10栋').map((h) => h.id)).toEqual(['fresh-10']);
    expect(searchHouseholds(register, '2栋201').map((h) => h.id)).toEqual(['refused']);
    expect(searchHouseholds(register, '  ')).toHaveLength(register.length);
    expect(searchHouseholds(register, '999')).toEqual([]);
  });
});

describe('the next household', () => {
  it('is the next unvisited one of the same community in address order', () => {
    expect(nextUnvisited(register, latest, 'done')?.id).toBe('fresh-2');
    expect(nextUnvisited(register, latest, 'fresh-2')?.id).toBe('fresh-10');
  });
  it('wraps to the start of the register and skips the current one', () => {
    expect(nextUnvisited(register, latest, 'fresh-10')?.id).toBe('fresh-2');
    expect(nextUnvisited(register, latest, 'refused')?.id).toBe('fresh-10');
  });
  it('is none when every other household has been visited', () => {
    expect(nextUnvisited(register, latest, 'other')).toBeUndefined();
    expect(nextUnvisited(register, latest, 'unknown')).toBeUndefined();
  });
});

describe('households visited today', () => {
  it('counts doors, not visits', () => {
    const local = (day: number, hour: number) => new Date(2026, 2, day, hour).toISOString();
    const visits = [visit('a', 'nobody_home', local(2, 8)), visit('a', 'completed', local(2, 17)), visit('b', 'refused', local(2, 9)), visit('c', 'moved', local(3, 9))];
    expect(householdsVisitedOn(visits, '2026-03-02')).toBe(2);
  });
});
