import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../../src/app/api/http';
import { backoffCapMs, backoffDelay } from '../../../src/app/sync/backoff';
import { createSyncScheduler, type SyncOutcome } from '../../../src/app/sync/scheduler';

describe('backoff with full jitter', () => {
  it('doubles its ceiling from 1 s to a 5 minute cap', () => {
    const ceiling = (attempt: number) => backoffDelay(attempt, () => 0.999999);
    expect([0, 1, 2, 3].map(ceiling)).toEqual([999, 1999, 3999, 7999]);
    expect(ceiling(9)).toBe(backoffCapMs - 1);
    expect(ceiling(30)).toBe(backoffCapMs - 1);
  });

  it('spreads retries over the whole window and never waits less than Retry-After', () => {
    expect(backoffDelay(3, () => 0)).toBe(0);
    expect(backoffDelay(3, () => 0.5)).toBe(4000);
    expect(backoffDelay(0, () => 0, 120)).toBe(120_000);
  });
});

describe('sync scheduler', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  function setup(results: Array<'ok' | Error>) {
    const outcomes: SyncOutcome[] = [];
    const run = vi.fn(async () => {
      const next = results.shift() ?? 'ok';
      if (next instanceof Error) throw next;
    });
    const scheduler = createSyncScheduler({ run, withLock: async (work) => (await work(), true), onOutcome: (o) => outcomes.push(o), random: () => 0.5 });
    return { run, scheduler, outcomes };
  }

  it('retries a failure after a growing, jittered delay and resets after success', async () => {
    const offline = new ApiError(0, 'network', 'fetch failed');
    const { run, scheduler, outcomes } = setup([offline, offline, 'ok']);
    await scheduler.trigger();
    expect(outcomes).toEqual(['failed']);
    expect(scheduler.waitingForRetry).toBe(true);

    await vi.advanceTimersByTimeAsync(499);
    expect(run).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(run).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(1000);
    expect(run).toHaveBeenCalledTimes(3);
    expect(outcomes).toEqual(['failed', 'failed', 'succeeded']);
    expect(scheduler.attempt).toBe(0);
    expect(scheduler.waitingForRetry).toBe(false);
  });

  it('honours the server’s Retry-After', async () => {
    const { run, scheduler } = setup([new ApiError(503, 'unavailable', 'busy', 30), 'ok']);
    await scheduler.trigger();
    await vi.advanceTimersByTimeAsync(29_999);
    expect(run).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(run).toHaveBeenCalledTimes(2);
  });

  it('stops on 401 until the user signs in again, then resumes', async () => {
    const { run, scheduler, outcomes } = setup([new ApiError(401, 'unauthenticated', 'expired'), 'ok']);
    await scheduler.trigger();
    expect(outcomes).toEqual(['needs-sign-in']);
    await scheduler.trigger();
    await vi.advanceTimersByTimeAsync(600_000);
    expect(run).toHaveBeenCalledTimes(1);
    await scheduler.resume();
    expect(run).toHaveBeenCalledTimes(2);
    expect(outcomes).toEqual(['needs-sign-in', 'succeeded']);
  });

  it('runs once more, not twice at once, when triggered during a run', async () => {
    let release: () => void = () => undefined;
    let concurrent = 0;
    let maxConcurrent = 0;
    const run = vi.fn(async () => {
      concurrent += 1;
      maxConcurrent = Math.max(maxConcurrent, concurrent);
      await new Promise<void>((resolve) => (release = resolve));
      concurrent -= 1;
    });
    const scheduler = createSyncScheduler({ run, withLock: async (work) => (await work(), true) });
    const first = scheduler.trigger();
    void scheduler.trigger();
    void scheduler.trigger();
    release();
    await vi.advanceTimersByTimeAsync(0);
    release();
    await first;
    expect(run).toHaveBeenCalledTimes(2);
    expect(maxConcurrent).toBe(1);
  });

  it('reports a run skipped because another tab holds the lock', async () => {
    const outcomes: SyncOutcome[] = [];
    const run = vi.fn(async () => undefined);
    const scheduler = createSyncScheduler({ run, withLock: async () => false, onOutcome: (o) => outcomes.push(o) });
    await scheduler.trigger();
    expect(run).not.toHaveBeenCalled();
    expect(outcomes).toEqual(['skipped']);
  });
});
