/**
 * A small semaphore for password hashing. scrypt runs on libuv's thread pool, which also reads the
 * static files, so a flood of sign-ins must not take every thread; and beyond a short line of
 * waiters a sign-in is refused at once (the caller answers 503 with Retry-After) rather than queued
 * without end.
 */
export interface PasswordSlots {
  /** A release function once a slot is free, or undefined at once when the line is full. */
  acquire(): Promise<() => void> | undefined;
}

export function createPasswordSlots({ concurrent, waiting }: { concurrent: number; waiting: number }): PasswordSlots {
  let running = 0;
  const line: Array<() => void> = [];

  function release(): void {
    const next = line.shift();
    if (next) next();
    else running--;
  }

  return {
    acquire() {
      if (running < concurrent) {
        running++;
        return Promise.resolve(release);
      }
      if (line.length >= waiting) return undefined;
      // The slot passes straight to the next waiter, so `running` stays the same.
      return new Promise((resolve) => line.push(() => resolve(release)));
    },
  };
}

export const defaultPasswordSlots = { concurrent: 2, waiting: 16 } as const;
