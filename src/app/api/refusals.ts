import { refusalDecisionResponseSchema, refusalDetailSchema, refusalListSchema, type RefusalDetail, type RefusalList, type RefusalSummary } from '../../shared/refusals';
import { requestJson } from './http';
import { apiPaths } from './paths';

export interface RefusalFilters {
  state: 'open' | 'decided' | 'all';
  status?: 'rejected' | 'conflict' | undefined;
  limit?: number;
}

export function fetchRefusals(token: string, filters: RefusalFilters): Promise<RefusalList> {
  const query = new URLSearchParams({ state: filters.state, ...(filters.status ? { status: filters.status } : {}), ...(filters.limit ? { limit: String(filters.limit) } : {}) });
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
