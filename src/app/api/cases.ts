import { z } from 'zod/mini';
import {
  buildNegativeListSchema,
  caseCountListSchema,
  caseDetailSchema,
  caseListSchema,
  caseSchema,
  departmentListSchema,
  negativeItemListSchema,
  type Case,
  type CaseDetail,
  type CaseTransition,
  type Department,
  type NegativeItem,
} from '../../shared/cases/api';
import { errorFrom, requestJson, send } from './http';
import { apiPaths } from './paths';

const caseAnswer = z.object({ case: caseSchema });

export async function fetchCases(token: string): Promise<Case[]> {
  return (await requestJson(apiPaths.cases, { token, schema: caseListSchema })).cases;
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

export async function fetchCaseExport(format: 'csv' | 'xlsx', token: string): Promise<Blob> {
  const response = await send(apiPaths.caseExport(format), { token });
  if (!response.ok) throw await errorFrom(response);
  return response.blob();
}
