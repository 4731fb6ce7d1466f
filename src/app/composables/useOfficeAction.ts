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
    if (action.error.value !== undefined) failure.value = errorMessage(action.error.value);
  }

  return { busy: action.pending, notice, failure, error: action.error, run };
}
