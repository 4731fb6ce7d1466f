/**
 * What public pages show about groups and ranks. No quantile library is imported here, so the
 * public results page can import this file alone and stay small.
 */

/** A group too small to publish: only that it has fewer than the minimum is shown (SCORING.md "Defaults"). */
export interface SuppressedGroup {
  suppressed: true;
  fewerThan: number;
}

/**
 * k-suppression for public output: a group with fewer respondents than the round's minimum
 * (10 by default) keeps none of its figures, not even its n, and reads "fewer than 10".
 */
export function suppressSmallGroup<T extends { n: number }>(group: T, minimumSize: number): (T & { suppressed: false }) | SuppressedGroup {
  return group.n < minimumSize ? { suppressed: true, fewerThan: minimumSize } : { ...group, suppressed: false };
}

/** "3" for a strict rank, "3–6" for a unit tied with others over ranks 3 to 6 (SCORING.md "Rankings"). */
export function formatRankInterval(interval: { best: number; worst: number }): string {
  return interval.best === interval.worst ? String(interval.best) : `${interval.best}–${interval.worst}`;
}
