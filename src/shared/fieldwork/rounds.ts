import type { Round } from '../organisation';
import { newestFirst } from '../rounds/order';

/** A device-local calendar day, YYYY-MM-DD. */
export function localDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The round running on `day`, else the most recent one that has started, else the newest. */
export function currentRound(rounds: readonly Round[], day: string): Round | undefined {
  const sorted = newestFirst(rounds);
  return sorted.find((round) => round.startsOn <= day && day <= round.endsOn) ?? sorted.find((round) => round.startsOn <= day) ?? sorted[0];
}
