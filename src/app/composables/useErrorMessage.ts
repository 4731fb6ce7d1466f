import { useI18n } from 'vue-i18n';
import { userErrorOf, type UserError } from '../i18n/user-error';

export interface ErrorMessage {
  /** Plain words in the interface language. */
  message: string;
  /** Technical detail for the "详情" toggle; empty when there is nothing more to say. */
  detail: string;
}

/**
 * Turns any failure (HTTP, network, storage, file) into the user's message. A page may give a
 * `context` whose messages (`<context>.<code>`) say it better there, e.g. `login.errors`.
 */
export function useErrorMessage(context?: string) {
  const { t, te } = useI18n();
  return function errorMessage(error: unknown): ErrorMessage {
    const { code, detail }: UserError = isUserError(error) ? error : userErrorOf(error);
    const key = context && te(`${context}.${code}`) ? `${context}.${code}` : `errors.${code}`;
    const message = t(key);
    return { message, detail: detail === message ? '' : detail };
  };
}

function isUserError(value: unknown): value is UserError {
  return typeof value === 'object' && value !== null && !(value instanceof Error) && 'code' in value && 'detail' in value;
}
