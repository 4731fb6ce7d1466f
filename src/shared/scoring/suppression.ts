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
