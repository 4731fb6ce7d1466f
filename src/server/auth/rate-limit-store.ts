import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { RateLimitsRepository } from '../repositories/rate-limits';

/** The store @fastify/rate-limit calls, counting in the database (see RateLimitsRepository). */
export function rateLimitStore(repository: RateLimitsRepository, now: () => Date): FastifyRateLimitStoreCtor {
  class DatabaseRateLimitStore implements FastifyRateLimitStore {
    incr(key: string, callback: (error: Error | null, result?: { current: number; ttl: number }) => void, timeWindow: number): void {
      repository
        .hit(key, timeWindow)
        .then(({ hits, windowEndsAt }) => callback(null, { current: hits, ttl: Math.max(0, windowEndsAt.getTime() - now().getTime()) }))
        .catch((error: Error) => callback(error));
    }

    child(): FastifyRateLimitStore {
      return new DatabaseRateLimitStore();
    }
  }
  return DatabaseRateLimitStore;
}
