import { describe, expect, it } from 'vitest';
import { roundDates } from '../../src/shared/organisation';
import { newestFirst, newestRound, oldestFirst, roundsBefore } from '../../src/shared/rounds/order';

const round = (id: string, state: 'open' | 'published') => ({ id, ...roundDates(id), state });
// As an id-ordered or arbitrary list would have them.
const rounds = [round('2025-H2', 'published'), round('2024-H2', 'published'), round('2026-H1', 'open'), round('2025-H1', 'published')];

describe('rounds in their date order', () => {
  it('sorts by start date both ways', () => {
    expect(oldestFirst(rounds).map((r) => r.id)).toEqual(['2024-H2', '2025-H1', '2025-H2', '2026-H1']);
    expect(newestFirst(rounds).map((r) => r.id)).toEqual(['2026-H1', '2025-H2', '2025-H1', '2024-H2']);
  });

  it('finds the newest round of a kind, and the rounds truly before one', () => {
    expect(newestRound(rounds, (r) => r.state === 'published')?.id).toBe('2025-H2');
    expect(roundsBefore(rounds, '2025-H2').map((r) => r.id)).toEqual(['2025-H1', '2024-H2']);
    expect(roundsBefore(rounds, '2024-H2')).toEqual([]);
    expect(roundsBefore(rounds, '2030-H1')).toEqual([]);
  });
});
