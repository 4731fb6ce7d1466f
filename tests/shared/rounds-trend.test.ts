import { describe, expect, it } from 'vitest';
import type { RoundState } from '../../src/shared/rounds/lifecycle';
import { reportableStates, scoredStates, trendLength, trendRounds } from '../../src/shared/rounds/trend';

const round = (id: string, startsOn: string, state: RoundState) => ({ id, startsOn, state });
// Listed out of date order on purpose: the trend's order comes from the dates.
const rounds = [
  round('2026-H1', '2026-01-01', 'closed'),
  round('2024-H1', '2024-01-01', 'published'),
  round('2026-H2', '2026-07-01', 'open'),
  round('2025-H2', '2025-07-01', 'published'),
  round('2025-H1', '2025-01-01', 'draft'),
  round('2027-H1', '2027-01-01', 'draft'),
];
const ids = (list: readonly { id: string }[]) => list.map((entry) => entry.id);

describe('the rounds of a trend across rounds', () => {
  it('are every scored round, oldest first, for the server', () => {
    expect(ids(trendRounds(rounds, { states: scoredStates }))).toEqual(['2024-H1', '2025-H2', '2026-H1', '2026-H2']);
  });

  it('end with the chosen round, whatever its state, after the reportable rounds before it', () => {
    expect(ids(trendRounds(rounds, { states: reportableStates, endingWith: '2026-H2', limit: trendLength }))).toEqual(['2024-H1', '2025-H2', '2026-H1', '2026-H2']);
    expect(ids(trendRounds(rounds, { states: reportableStates, endingWith: '2025-H2', limit: trendLength }))).toEqual(['2024-H1', '2025-H2']);
    expect(ids(trendRounds(rounds, { states: reportableStates, endingWith: '2024-H1', limit: trendLength }))).toEqual(['2024-H1']);
  });

  it('keep the newest rounds within the limit, and nothing for a round not listed', () => {
    expect(ids(trendRounds(rounds, { states: reportableStates, endingWith: '2026-H2', limit: 2 }))).toEqual(['2026-H1', '2026-H2']);
    expect(ids(trendRounds(rounds, { states: scoredStates, limit: 3 }))).toEqual(['2025-H2', '2026-H1', '2026-H2']);
    expect(trendRounds(rounds, { states: reportableStates, endingWith: '2030-H1', limit: trendLength })).toEqual([]);
  });
});
