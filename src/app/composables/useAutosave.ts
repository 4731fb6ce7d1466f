import { onBeforeUnmount, onMounted, ref } from 'vue';

export type AutosaveState = 'idle' | 'pending' | 'saving' | 'saved' | 'failed';

export interface AutosaveOptions {
  /** How long after the last change to save; at most 500 ms so little can be lost. */
  delayMs?: number;
  /** Prefix of the User Timing measures (`<name>:write`, `<name>:durable`) the bench reads. */
  measureName?: string;
}

/**
 * Debounced saving of work in progress, flushed when the page is hidden or left (`pagehide`,
 * `visibilitychange`) and when the component unmounts. A failed save keeps the change pending, so
 * the next change or flush tries again; the caller shows `error` and keeps the work on screen.
 */
export function useAutosave(save: () => Promise<void>, options: AutosaveOptions = {}) {
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
    clearTimeout(timer);
    timer = setTimeout(() => void flush(), delayMs);
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

  const onPageHide = () => void flush();
  const onVisibilityChange = () => {
    if (document.visibilityState === 'hidden') void flush();
  };
  onMounted(() => {
    window.addEventListener('pagehide', onPageHide);
    document.addEventListener('visibilitychange', onVisibilityChange);
  });
  onBeforeUnmount(() => {
    window.removeEventListener('pagehide', onPageHide);
    document.removeEventListener('visibilitychange', onVisibilityChange);
    void flush();
  });

  return { schedule, flush, state, error };
}
