/**
 * The one order of rounds, by their dates: every list of rounds (the API's, the pages', the trend's)
 * and every "previous round" comes from here, so no page infers an order from where a round happens
 * to sit in a list.
 */
export interface DatedRound {
  id: string;
  /** YYYY-MM-DD. */
  startsOn: string;
}

/** Earlier start first; ties (never expected) by id, so the order is the same in every process. */
function byStart(a: DatedRound, b: DatedRound): number {
  if (a.startsOn !== b.startsOn) return a.startsOn < b.startsOn ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export function oldestFirst<T extends DatedRound>(rounds: readonly T[]): T[] {
  return [...rounds].sort(byStart);
}

export function newestFirst<T extends DatedRound>(rounds: readonly T[]): T[] {
  return [...rounds].sort((a, b) => byStart(b, a));
}

/** The newest round that `wanted` accepts, if any. */
export function newestRound<T extends DatedRound>(rounds: readonly T[], wanted: (round: T) => boolean): T | undefined {
  return newestFirst(rounds).find(wanted);
}

/** The rounds that started before `roundId`'s, newest first (none when `roundId` is not among them). */
export function roundsBefore<T extends DatedRound>(rounds: readonly T[], roundId: string): T[] {
  const chosen = rounds.find((round) => round.id === roundId);
  return chosen ? newestFirst(rounds).filter((round) => byStart(round, chosen) < 0) : [];
}
