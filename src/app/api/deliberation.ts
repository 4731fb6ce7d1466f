import { deliberationOverviewSchema, sessionDetailSchema, type DeliberationOverview, type DeliberationQuery, type SessionDetail } from '../../shared/deliberation/api';
import { errorFrom, requestJson, send } from './http';
import { apiPaths } from './paths';

function search(query: DeliberationQuery): string {
  const entries = Object.entries(query).filter((entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1] !== '');
  return entries.length ? `?${new URLSearchParams(entries)}` : '';
}

export function fetchDeliberationOverview(query: DeliberationQuery, token: string): Promise<DeliberationOverview> {
  return requestJson(`${apiPaths.deliberationSessions}${search(query)}`, { token, schema: deliberationOverviewSchema });
}

export function fetchDeliberationSession(sessionId: string, token: string): Promise<SessionDetail> {
  return requestJson(apiPaths.deliberationSession(sessionId), { token, schema: sessionDetailSchema });
}

/** Bytes that need the bearer token (exports, signature and photo images), which a plain link cannot send. */
async function fetchBytes(url: string, token: string): Promise<Blob> {
  const response = await send(url, { token });
  if (!response.ok) throw await errorFrom(response);
  return response.blob();
}

export function fetchDeliberationExport(format: 'csv' | 'xlsx', query: DeliberationQuery, token: string): Promise<Blob> {
  return fetchBytes(`${apiPaths.deliberationExport(format)}${search(query)}`, token);
}

export function fetchImage(hash: string, token: string): Promise<Blob> {
  return fetchBytes(apiPaths.blob(hash), token);
}
