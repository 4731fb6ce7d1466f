import { refusalDecisionResponseSchema, refusalDetailSchema, refusalListSchema, type RefusalDetail, type RefusalFilters, type RefusalList, type RefusalSummary } from '../../shared/refusals';
import { requestJson } from './http';
import { apiPaths } from './paths';

export function fetchRefusals(token: string, filters: RefusalFilters & { limit?: number }): Promise<RefusalList> {
  const { state, limit, ...equal } = filters;
  const given = Object.entries(equal).filter((entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1] !== '');
  const query = new URLSearchParams({ state, ...Object.fromEntries(given), ...(limit ? { limit: String(limit) } : {}) });
  return requestJson(`${apiPaths.refusals}?${query}`, { token, schema: refusalListSchema });
}

export function fetchRefusal(token: string, refusalId: string): Promise<RefusalDetail> {
  return requestJson(apiPaths.refusal(refusalId), { token, schema: refusalDetailSchema });
}

export async function acceptRefusal(token: string, refusalId: string, data: Record<string, unknown>): Promise<RefusalSummary> {
  return (await requestJson(apiPaths.refusalDecision(refusalId, 'accept'), { method: 'POST', token, body: { data }, schema: refusalDecisionResponseSchema })).refusal;
}

export async function dismissRefusal(token: string, refusalId: string, reason: string): Promise<RefusalSummary> {
  return (await requestJson(apiPaths.refusalDecision(refusalId, 'dismiss'), { method: 'POST', token, body: { reason }, schema: refusalDecisionResponseSchema })).refusal;
}
