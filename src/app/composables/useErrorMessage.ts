import { useI18n } from 'vue-i18n';
import { fieldNames, type FieldIssue } from '../errors/issues';
import { userErrorOf, type UserError } from '../i18n/user-error';

export interface ErrorMessage {
  /** Plain words in the interface language. */
  message: string;
  /** What to correct, one line per field, in the interface language. */
  issues?: string[];
  /** The error code for support, led by words in the interface language; empty when there is none. */
  code?: string;
  /** Everything for the "详情" toggle: the issues, then the code. Empty when there is nothing more to say. */
  detail: string;
}

/** A field's label in the user's words (`errors.fields`), or undefined when the messages have none. */
export function useFieldLabel() {
  const { t, te } = useI18n();
  return function fieldLabel(path: readonly (string | number)[]): string | undefined {
    const name = fieldNames(path).find((candidate) => te(`errors.fields.${candidate}`));
    return name ? t(`errors.fields.${name}`) : undefined;
  };
}

/** One schema issue in the user's words: the field's label and the reason (`errors.fields`, `errors.issues`). */
export function useIssueText() {
  const { t } = useI18n();
  const fieldLabel = useFieldLabel();
  return function issueText(issue: FieldIssue): string {
    const reason = t(`errors.issues.${issue.reason}`, { limit: issue.limit ?? '', value: issue.value ?? '' });
    if (issue.where) {
      // A file's problem leads with where it is, so it can be found in the spreadsheet.
      const place = issue.where.row > 0 ? t('errors.sheetRow', issue.where) : t('errors.sheet', issue.where);
      const field = fieldLabel(issue.path);
      return field ? t('errors.issueInFile', { place, field, reason }) : t('errors.issueAtPlace', { place, reason });
    }
    const field = fieldLabel(issue.path) ?? t('errors.someField');
    return t('errors.issue', { field, reason });
  };
}

/**
 * Turns any failure (HTTP, network, storage, file, schema) into the user's message. A page may give
 * a `context` whose messages (`<context>.<code>`) say it better there, e.g. `login.errors`.
 */
export function useErrorMessage(context?: string) {
  const { t, te } = useI18n();
  const issueText = useIssueText();
  return function errorMessage(error: unknown): ErrorMessage {
    const { code, detail, issues = [] }: UserError = isUserError(error) ? error : userErrorOf(error);
    const key = context && te(`${context}.${code}`) ? `${context}.${code}` : `errors.${code}`;
    const message = t(key);
    const lines = [...new Set(issues.map(issueText))];
    const support = detail && detail !== message ? t('errors.detailCode', { code: detail }) : '';
    return { message, issues: lines, code: support, detail: [...lines, support].filter(Boolean).join('\n') };
  };
}

function isUserError(value: unknown): value is UserError {
  return typeof value === 'object' && value !== null && !(value instanceof Error) && 'code' in value && 'detail' in value;
}
