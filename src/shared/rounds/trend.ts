import type { RoundState } from './lifecycle';
import { oldestFirst, roundsBefore, type DatedRound } from './order';

/** Rounds whose scores are final enough to compare and report. */
export const reportableStates: readonly RoundState[] = ['closed', 'published'];
/** Rounds that have scores at all: every round once it has opened. */
export const scoredStates: readonly RoundState[] = ['open', 'closed', 'published'];
/** Rounds on the office's trend chart: three years of half-year rounds. */
export const trendLength = 6;

export interface TrendChoice {
  /** The states a round of the trend is in. */
  states: readonly RoundState[];
  /** The round the trend ends with, whatever its state: only rounds that started before it come first. */
  endingWith?: string | undefined;
  /** At most this many rounds, the newest kept. */
  limit?: number | undefined;
}

/**
 * The rounds of a trend across rounds, oldest first, in the one order of rounds (`order.ts`): the
 * server's trend of every scored round and the office's chart ending with the chosen round both
 * choose their rounds here.
 */
export function trendRounds<T extends DatedRound & { state: RoundState }>(rounds: readonly T[], choice: TrendChoice): T[] {
  const wanted = (round: T) => choice.states.includes(round.state);
  const last = choice.endingWith === undefined ? undefined : rounds.find((round) => round.id === choice.endingWith);
  if (choice.endingWith !== undefined && !last) return [];
  const earlier = last ? roundsBefore(rounds, last.id).filter(wanted) : oldestFirst(rounds).filter(wanted).reverse();
  const room = choice.limit === undefined ? earlier.length : Math.max(0, choice.limit - (last ? 1 : 0));
  return [...earlier.slice(0, room).reverse(), ...(last ? [last] : [])];
}
