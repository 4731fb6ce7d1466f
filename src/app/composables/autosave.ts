import { ref } from 'vue';

export type AutosaveState = 'idle' | 'pending' | 'saving' | 'saved' | 'failed';

export interface AutosaveOptions {
  /** How long after the last change to save; at most 500 ms so little can be lost. */
  delayMs?: number;
  /** Prefix of the User Timing measures (`<name>:write`, `<name>:durable`) the bench reads. */
  measureName?: string;
  /**
   * Called synchronously when the page is hidden or left with unsaved changes, before the flush:
   * the place to keep a synchronous copy, since the asynchronous save may be cut short.
   */
  onLeave?: () => void;
}

/**
 * Saving of work in progress at most `delayMs` after the first unsaved change (so steady typing
 * cannot postpone it), flushed when the page is hidden or left (`pagehide`, `visibilitychange`)
 * while `listen()`ing, and by `stop()`. A failed save keeps the change pending, so the next
 * change or flush tries again; the owner shows `error` and keeps the work on screen.
 * Not tied to a component: a store owns it and calls `schedule()` from a watch on its state.
 */
export function createAutosave(save: () => Promise<void>, options: AutosaveOptions = {}) {
  const delayMs = Math.min(options.delayMs ?? 400, 500);
  const state = ref<AutosaveState>('idle');
  const error = ref<unknown>(null);
  let timer: ReturnType<typeof setTimeout> | undefined;
  /** When the oldest unsaved change was made (performance.now()), or undefined when all is saved. */
  let dirtySince: number | undefined;
  let running: Promise<void> | undefined;

  function schedule(): void {
    dirtySince ??= performance.now();
    state.value = 'pending';
    timer ??= setTimeout(() => void flush(), delayMs);
  }

  async function flush(): Promise<void> {
    clearTimeout(timer);
    timer = undefined;
    while (running) await running;
    if (dirtySince === undefined) return;
    const since = dirtySince;
    dirtySince = undefined;
    state.value = 'saving';
    running = (async () => {
      const started = performance.now();
      try {
        await save();
        error.value = null;
        state.value = dirtySince === undefined ? 'saved' : 'pending';
        measure('write', started);
        measure('durable', since);
      } catch (failure) {
        dirtySince = Math.min(since, dirtySince ?? since);
        error.value = failure;
        state.value = 'failed';
      } finally {
        running = undefined;
      }
    })();
    await running;
  }

  function measure(suffix: string, start: number): void {
    if (options.measureName) performance.measure(`${options.measureName}:${suffix}`, { start, end: performance.now() });
  }

  function leave(): void {
    if (dirtySince !== undefined || running) options.onLeave?.();
    void flush();
  }
  const onPageHide = () => leave();
  const onVisibilityChange = () => {
    if (document.visibilityState === 'hidden') leave();
  };
  let listening = false;

  /** Flushes (and calls `onLeave`) whenever the page is hidden or closed, until `stop()`. */
  function listen(): void {
    if (listening) return;
    listening = true;
    window.addEventListener('pagehide', onPageHide);
    document.addEventListener('visibilitychange', onVisibilityChange);
  }

  /** Stops listening and saves what is pending. */
  function stop(): Promise<void> {
    listening = false;
    window.removeEventListener('pagehide', onPageHide);
    document.removeEventListener('visibilitychange', onVisibilityChange);
    return flush();
  }

  return { schedule, flush, listen, stop, state, error };
}
export type Autosave = ReturnType<typeof createAutosave>;
