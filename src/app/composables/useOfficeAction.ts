import { ref } from 'vue';
import { useErrorMessage, type ErrorMessage } from './useErrorMessage';

/**
 * One office action at a time: `busy` while it runs, its success message in `notice`, its
 * failure in the user's words in `failure` (with `context` messages first, as useErrorMessage).
 */
export function useOfficeAction(context?: string) {
  const errorMessage = useErrorMessage(context);
  const busy = ref(false);
  const notice = ref('');
  const failure = ref<ErrorMessage | undefined>(undefined);

  async function run(work: () => Promise<string | void>): Promise<void> {
    busy.value = true;
    failure.value = undefined;
    notice.value = '';
    try {
      notice.value = (await work()) ?? '';
    } catch (error) {
      failure.value = errorMessage(error);
    } finally {
      busy.value = false;
    }
  }

  return { busy, notice, failure, run };
}
