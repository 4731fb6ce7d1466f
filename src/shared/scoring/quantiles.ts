import jStat from 'jstat';

/**
 * Critical values of the intervals, from a kept library rather than a table (SCORING.md step 2
 * asks for one): jStat is one small package with no dependencies that runs in the browser too.
 */

/** Remembered values: scoring a district asks for the same few (level, df) pairs thousands of times. */
const remembered = new Map<string, number>();
const rememberedLimit = 10_000;

function remember(key: string, compute: () => number): number {
  const known = remembered.get(key);
  if (known !== undefined) return known;
  if (remembered.size >= rememberedLimit) remembered.clear();
  const value = compute();
  remembered.set(key, value);
  return value;
}

/** The two-sided critical value of Student's t: t(1 − (1 − level)/2, df), e.g. t(0.975, 2) = 4.3027. */
export function studentTCritical(level: number, degreesOfFreedom: number): number {
  return remember(`t:${level}:${degreesOfFreedom}`, () => jStat.studentt.inv(upperTail(level), degreesOfFreedom));
}

/** The two-sided critical value of the standard normal: 1.96 for 0.95, 3.09 for 0.998. */
export function normalCritical(level: number): number {
  return remember(`z:${level}`, () => jStat.normal.inv(upperTail(level), 0, 1));
}

function upperTail(level: number): number {
  return 1 - (1 - level) / 2;
}
