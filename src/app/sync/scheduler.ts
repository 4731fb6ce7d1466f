import { ApiError } from '../api/http';
import { backoffDelay } from './backoff';

export type SyncOutcome = 'succeeded' | 'failed' | 'needs-sign-in' | 'skipped';

export interface SchedulerOptions {
  /** One sync run; throws to ask for a retry. */
  run(): Promise<void>;
  /** Runs `work` only if no other tab holds the sync lock; resolves false when it was held. */
  withLock(work: () => Promise<void>): Promise<boolean>;
  onOutcome?(outcome: SyncOutcome, error?: unknown): void;
  random?: () => number;
  setTimer?: (callback: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

/**
 * Decides when to sync: on every trigger (start, online, visible, reachable, a new record, "sync
 * now"), and after a failure on a backoff timer (1 s doubling to 5 min, jittered, reset on success).
 * A 401 stops it until `resume()` after the user signs in again; nothing is dropped meanwhile.
 */
export function createSyncScheduler(options: SchedulerOptions) {
  const random = options.random ?? Math.random;
  const setTimer = options.setTimer ?? ((callback, ms) => setTimeout(callback, ms));
  const clearTimer = options.clearTimer ?? ((handle) => clearTimeout(handle as ReturnType<typeof setTimeout>));
  let attempt = 0;
  let timer: unknown;
  let running: Promise<void> | undefined;
  let again = false;
  let paused = false;

  function schedule(ms: number): void {
    if (timer !== undefined) clearTimer(timer);
    timer = setTimer(() => {
      timer = undefined;
      void trigger();
    }, ms);
  }

  async function runOnce(): Promise<void> {
    try {
      const ran = await options.withLock(options.run);
      if (!ran) {
        options.onOutcome?.('skipped');
        return;
      }
      attempt = 0;
      if (timer !== undefined) clearTimer(timer);
      timer = undefined;
      options.onOutcome?.('succeeded');
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        paused = true;
        options.onOutcome?.('needs-sign-in', error);
        return;
      }
      options.onOutcome?.('failed', error);
      schedule(backoffDelay(attempt, random, error instanceof ApiError ? error.retryAfterSeconds : undefined));
      attempt += 1;
    }
  }

  /** Starts a sync now, or once more after the one under way. */
  function trigger(): Promise<void> {
    if (paused) return Promise.resolve();
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        await runOnce();
      } while (again && !paused);
    })().finally(() => {
      running = undefined;
    });
    return running;
  }

  return {
    trigger,
    /** After signing in again: forget the backoff and sync. */
    resume(): Promise<void> {
      paused = false;
      attempt = 0;
      return trigger();
    },
    stop(): void {
      paused = true;
      if (timer !== undefined) clearTimer(timer);
      timer = undefined;
    },
    get attempt() {
      return attempt;
    },
    get waitingForRetry() {
      return timer !== undefined;
    },
  };
}
export type SyncScheduler = ReturnType<typeof createSyncScheduler>;
