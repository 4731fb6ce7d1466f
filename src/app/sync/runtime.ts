import type { SyncApi } from '../api/sync';
import { recordSyncSuccess, watchWaitingCount } from '../db/outbox';
import { runSync, type SyncProgress } from './engine';
import { createSyncScheduler, type SyncOutcome } from './scheduler';

const lockName = 'gulou-sync';
const reachabilityEveryMs = 30_000;

/** Only one tab syncs at a time; where Web Locks are missing, each tab syncs on its own. */
async function withTabLock(work: () => Promise<void>): Promise<boolean> {
  if (typeof navigator === 'undefined' || !navigator.locks) {
    await work();
    return true;
  }
  return navigator.locks.request(lockName, { ifAvailable: true }, async (lock) => {
    if (!lock) return false;
    await work();
    return true;
  });
}

/** The browser knows for sure when there is no network (it cannot tell when there is). */
function surelyOffline(): boolean {
  return typeof navigator !== 'undefined' && navigator.onLine === false;
}

export interface SyncRuntimeEvents {
  /** A run starts (true) or ends (false). */
  running(running: boolean): void;
  progress(progress: SyncProgress | undefined): void;
  outcome(outcome: SyncOutcome, error?: unknown): void;
  /** Records were finalised, sent or refused: what waits to sync may have changed. */
  changed(): void;
}

/**
 * Runs sync in this tab: now, when the browser comes online or the page becomes visible, when a
 * record is finalised, and (while failing) when a real request finds the server again; under a
 * Web Lock so only one tab syncs; with the scheduler's backoff. Not a store: the sync store keeps
 * the state the screens show and calls `trigger()` and `stop()`.
 */
export function startSyncRuntime(api: SyncApi, events: SyncRuntimeEvents) {
  let running = false;
  let failing = false;
  let lastWaiting = 0;
  const scheduler = createSyncScheduler({
    withLock: withTabLock,
    async run() {
      running = true;
      events.running(true);
      try {
        await runSync(api, events.progress);
        await recordSyncSuccess(new Date());
      } finally {
        running = false;
        events.running(false);
        events.progress(undefined);
        events.changed();
      }
    },
    onOutcome(outcome, error) {
      failing = outcome === 'failed';
      events.outcome(outcome, error);
    },
  });

  // Without a network a run cannot succeed: wait for the 'online' event instead of failing.
  const trigger = (): Promise<void> => (surelyOffline() ? Promise.resolve() : scheduler.trigger());
  const onOnline = () => void trigger();
  const onVisible = () => {
    if (document.visibilityState === 'visible') void trigger();
  };
  window.addEventListener('online', onOnline);
  document.addEventListener('visibilitychange', onVisible);
  // A new finalised record is a trigger of its own.
  const stopWatching = watchWaitingCount((waiting) => {
    if (waiting > lastWaiting) void trigger();
    lastWaiting = waiting;
    events.changed();
  });
  // While a sync is failing, a real request (not navigator.onLine) tells when the server is back.
  const reachabilityTimer = setInterval(async () => {
    if (failing && !running && (await api.reachable())) void trigger();
  }, reachabilityEveryMs);
  void trigger();

  return {
    trigger,
    stop(): void {
      scheduler.stop();
      stopWatching();
      clearInterval(reachabilityTimer);
      window.removeEventListener('online', onOnline);
      document.removeEventListener('visibilitychange', onVisible);
    },
  };
}
export type SyncRuntime = ReturnType<typeof startSyncRuntime>;
