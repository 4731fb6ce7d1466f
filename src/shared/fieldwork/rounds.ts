import type { Round } from '../organisation';
import { newestFirst } from '../rounds/order';

/** A device-local calendar day, YYYY-MM-DD. */
export function localDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/**
 * Whether a round still takes new questionnaires: open, or from a server before rounds had a state.
 * Once closed (or published) anything finished or sent arrives late and counts only if the office admits it.
 */
export function roundCollects(round: Round): boolean {
  return round.state === undefined || round.state === 'open';
}

/** The round running on `day`, else the most recent one that has started, else the newest. */
export function currentRound(rounds: readonly Round[], day: string): Round | undefined {
  const sorted = newestFirst(rounds);
  return sorted.find((round) => round.startsOn <= day && day <= round.endsOn) ?? sorted.find((round) => round.startsOn <= day) ?? sorted[0];
}
