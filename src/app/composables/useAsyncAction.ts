import { ref, shallowRef } from 'vue';

/**
 * One way to run work that may fail: `pending` while it runs, the failure kept as it was thrown in
 * `error` (ErrorAlert says it in the user's words), and `retry` to run the last work again.
 */
export function useAsyncAction() {
  const pending = ref(false);
  const error = shallowRef<unknown>(undefined);
  let last: (() => Promise<unknown>) | undefined;

  /** The work's result, or undefined when it failed (the failure is in `error`). */
  async function run<T>(work: () => Promise<T>): Promise<T | undefined> {
    last = work;
    pending.value = true;
    error.value = undefined;
    try {
      return await work();
    } catch (failure) {
      error.value = failure;
      return undefined;
    } finally {
      pending.value = false;
    }
  }

  function retry(): Promise<unknown> {
    return last ? run(last) : Promise.resolve(undefined);
  }

  return { pending, error, run, retry };
}
