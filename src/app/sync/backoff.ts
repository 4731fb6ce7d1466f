export const backoffBaseMs = 1_000;
export const backoffCapMs = 5 * 60_000;

/**
 * "Full jitter": a random wait between 0 and min(cap, base·2^attempt), so that many devices coming
 * back online together do not retry in step. A server's Retry-After is a floor.
 */
export function backoffDelay(attempt: number, random: () => number, retryAfterSeconds?: number): number {
  const ceiling = Math.min(backoffCapMs, backoffBaseMs * 2 ** attempt);
  const jittered = Math.floor(random() * ceiling);
  return retryAfterSeconds === undefined ? jittered : Math.max(jittered, retryAfterSeconds * 1000);
}
