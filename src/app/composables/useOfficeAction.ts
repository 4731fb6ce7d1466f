import { ref } from 'vue';
import { useAsyncAction } from './useAsyncAction';
import { useErrorMessage, type ErrorMessage } from './useErrorMessage';

/**
 * One office action at a time (useAsyncAction): `busy` while it runs, its success message in
 * `notice`, its failure in the user's words in `failure` (with `context` messages first; a page may
 * put its own check's message there too).
 */
export function useOfficeAction(context?: string) {
  const errorMessage = useErrorMessage(context);
  const action = useAsyncAction();
  const notice = ref('');
  const failure = ref<ErrorMessage | undefined>(undefined);

  async function run(work: () => Promise<string | void>): Promise<void> {
    notice.value = '';
    failure.value = undefined;
    notice.value = (await action.run(work)) ?? '';
    if (action.error.value !== undefined) fail(action.error.value);
  }

  /** Says an error of work done outside `run` (a background read) the way `run` says its own. */
  function fail(error: unknown): void {
    failure.value = errorMessage(error);
  }

  return { busy: action.pending, notice, failure, error: action.error, run, fail };
}
