import type { PushErrorCode } from '../../shared/sync';
import { ApiError } from '../api/http';
import { IssuesError, userErrorCodes, type UserErrorCode } from '../errors/codes';
import { issueOfSchema, issuesOfText, type FieldIssue, type SchemaIssueLike } from '../errors/issues';

export interface UserError {
  code: UserErrorCode;
  /** The technical text (server message, browser error), for the "详情" toggle. */
  detail: string;
  /** The schema issues the failure names (server text or zod), to be said field by field. */
  issues?: FieldIssue[];
}

function isUserErrorCode(value: unknown): value is UserErrorCode {
  return userErrorCodes.includes(value as UserErrorCode);
}

/** No answer: the device has no network, or it has one and the server does not answer. */
function unansweredCode(): UserErrorCode {
  return typeof navigator !== 'undefined' && navigator.onLine === false ? 'offline' : 'unreachable';
}

function apiErrorCode(error: ApiError): UserErrorCode {
  if (error.status === 0) return unansweredCode();
  if (isUserErrorCode(error.code)) return error.code;
  if (error.status === 401) return 'unauthenticated';
  if (error.status === 403) return 'forbidden';
  if (error.status === 404) return 'not_found';
  if (error.status === 413) return 'too_large';
  if (error.status === 429) return 'rate_limited';
  if (error.status >= 500) return 'server';
  return error.status >= 400 ? 'refused' : 'unknown';
}

/** What went wrong, as the user's message code and the detail (HTTP status, error code, text). */
export function userErrorOf(error: unknown): UserError {
  if (error instanceof ApiError) {
    const issues = error.status === 400 ? issuesOfText(error.message) : [];
    return {
      code: apiErrorCode(error),
      detail: [error.status > 0 ? `HTTP ${error.status}` : '', error.code, issues.length > 0 ? '' : error.message].filter(Boolean).join(' · '),
      ...(issues.length > 0 ? { issues } : {}),
    };
  }
  if (error instanceof IssuesError) return { code: error.code, detail: '', issues: error.fieldIssues };
  const schemaIssues = (error as { issues?: unknown } | null | undefined)?.issues;
  if (Array.isArray(schemaIssues)) return { code: 'invalid_input', detail: '', issues: (schemaIssues as SchemaIssueLike[]).map(issueOfSchema) };
  const detail = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown } | null | undefined)?.code;
  return { code: isUserErrorCode(code) ? code : 'unknown', detail };
}

/** The message key for a record the server did not take, from its machine-readable answer. */
export type PushProblemCode = PushErrorCode | 'conflict' | 'rejected';
export function pushProblemCode(result: { status: string; code?: PushErrorCode | undefined }): PushProblemCode {
  if (result.code) return result.code;
  return result.status === 'conflict' ? 'conflict' : 'rejected';
}
