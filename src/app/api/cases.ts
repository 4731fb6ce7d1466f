import { z } from 'zod/mini';
import {
  buildNegativeListSchema,
  caseBadgeSchema,
  caseCountListSchema,
  caseDetailSchema,
  caseListSchema,
  caseSchema,
  departmentListSchema,
  negativeItemListSchema,
  type Case,
  type CaseBadge,
  type CaseDetail,
  type CaseFilter,
  type CaseList,
  type CaseTransition,
  type Department,
  type NegativeItem,
} from '../../shared/cases/api';
import { errorFrom, requestJson, send } from './http';
import { apiPaths } from './paths';

const caseAnswer = z.object({ case: caseSchema });

/** The filters as query parameters, leaving out those not set. */
function caseSearch(filter: CaseFilter, page: { offset?: number; limit?: number } = {}): string {
  const entries = Object.entries({ ...filter, ...page }).filter(([, value]) => value !== undefined && value !== '');
  return new URLSearchParams(entries.map(([key, value]) => [key, String(value)])).toString();
}

/** One page of the cases matching `filter`, in work order, with how many match in all. */
export function fetchCases(filter: CaseFilter, page: { offset: number; limit: number }, token: string): Promise<CaseList> {
  return requestJson(`${apiPaths.cases}?${caseSearch(filter, page)}`, { token, schema: caseListSchema });
}

export function fetchCaseBadge(token: string): Promise<CaseBadge> {
  return requestJson(apiPaths.caseBadge, { token, schema: caseBadgeSchema });
}

export function fetchCase(caseId: string, token: string): Promise<CaseDetail> {
  return requestJson(apiPaths.case(caseId), { token, schema: caseDetailSchema });
}

export function fetchCaseCounts(token: string) {
  return requestJson(apiPaths.caseCounts, { token, schema: caseCountListSchema });
}

export async function fetchDepartments(token: string): Promise<Department[]> {
  return (await requestJson(apiPaths.departments, { token, schema: departmentListSchema })).departments;
}

export function buildNegativeList(roundId: string, token: string) {
  return requestJson(apiPaths.negativeList(roundId), { method: 'POST', token, schema: buildNegativeListSchema });
}

export async function fetchUntriagedItems(roundId: string, subdistrictId: string, token: string): Promise<NegativeItem[]> {
  const search = new URLSearchParams({ untriaged: 'true', ...(subdistrictId ? { subdistrictId } : {}) });
  return (await requestJson(`${apiPaths.negativeItems(roundId)}?${search}`, { token, schema: negativeItemListSchema })).items;
}

export async function createCase(body: { itemIds: string[]; title: string; category: string }, token: string): Promise<Case> {
  return (await requestJson(apiPaths.cases, { method: 'POST', token, body, schema: caseAnswer })).case;
}

export async function transitionCase(caseId: string, body: CaseTransition, token: string): Promise<Case> {
  return (await requestJson(apiPaths.caseTransitions(caseId), { method: 'POST', token, body, schema: caseAnswer })).case;
}

/** Evidence photos go up first as blobs by hash, as signatures do. */
export async function uploadEvidence(hash: string, blob: Blob, token: string): Promise<void> {
  const response = await send(apiPaths.blob(hash), { method: 'PUT', token, body: blob });
  if (!response.ok) throw await errorFrom(response);
}

/** Every case matching `filter` (the export is not paged). */
export async function fetchCaseExport(format: 'csv' | 'xlsx', filter: CaseFilter, token: string): Promise<Blob> {
  const search = caseSearch(filter);
  const response = await send(`${apiPaths.caseExport(format)}${search ? `?${search}` : ''}`, { token });
  if (!response.ok) throw await errorFrom(response);
  return response.blob();
}
