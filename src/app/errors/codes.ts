import type { FieldIssue } from './issues';

/**
 * Every failure the user can meet, as a code with a plain message in each language
 * (`errors.<code>` in the messages). The technical text stays apart, behind "详情".
 */
export const userErrorCodes = [
  'offline',
  'unreachable',
  'unauthenticated',
  'forbidden',
  'invalid_credentials',
  'rate_limited',
  'too_large',
  'refused',
  'invalid_input',
  'not_found',
  'server',
  'storage_quota',
  'storage_closed',
  'storage_unknown',
  'incomplete_response',
  'waiting_for_blobs',
  'file_not_json',
  'file_invalid',
  'file_damaged',
  'file_not_xlsx',
  'photo_unreadable',
  'photo_too_large',
  'unknown',
] as const;
export type UserErrorCode = (typeof userErrorCodes)[number];

/** Errors raised by the app itself carry one of the codes; see StorageWriteError, UnsentFileError. */
export interface CodedError extends Error {
  readonly code: UserErrorCode;
}

/** A refusal the app has already read issue by issue (a file's problems by sheet and row): the issues are all there is to say. */
export class IssuesError extends Error implements CodedError {
  constructor(
    readonly code: UserErrorCode,
    readonly fieldIssues: FieldIssue[],
    message: string,
  ) {
    super(message);
    this.name = 'IssuesError';
  }
}
