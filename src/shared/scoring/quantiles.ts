import jStat from 'jstat';

/**
 * Critical values of the intervals, from a kept library rather than a table (SCORING.md step 2
 * asks for one): jStat is one small package with no dependencies that runs in the browser too.
 */

/** The two-sided critical value of Student's t: t(1 − (1 − level)/2, df), e.g. t(0.975, 2) = 4.3027. */
export function studentTCritical(level: number, degreesOfFreedom: number): number {
  return jStat.studentt.inv(upperTail(level), degreesOfFreedom);
}

/** The two-sided critical value of the standard normal: 1.96 for 0.95, 3.09 for 0.998. */
export function normalCritical(level: number): number {
  return jStat.normal.inv(upperTail(level), 0, 1);
}

function upperTail(level: number): number {
  return 1 - (1 - level) / 2;
}
