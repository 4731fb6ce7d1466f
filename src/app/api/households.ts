import { z } from 'zod/mini';
import { quotaListSchema, quotaSchema, type Quota } from '../../shared/assignments';
import {
  buildingAssignmentResultSchema,
  communityWorkersSchema,
  householdListSchema,
  registerImportReportSchema,
  type BuildingAssignment,
  type CommunityWorker,
  type HouseholdAssignment,
  type RegisterImportReport,
  type RegisteredHouseholdView,
} from '../../shared/households';
import { errorFrom, requestJson, send } from './http';
import { apiPaths } from './paths';

const typeByExtension: Record<string, string> = {
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** The register file with the type the server reads it by (browsers often leave a CSV's type empty). */
export function registerFileBody(file: File): Blob {
  const extension = file.name.split('.').pop()?.toLowerCase() ?? '';
  return new Blob([file], { type: typeByExtension[extension] ?? file.type });
}

/** Checks a register file (commit false) or writes it when clean (commit true); a file with problems comes back as its report either way. */
export async function importRegister(file: File, commit: boolean, token: string): Promise<RegisterImportReport> {
  const response = await send(apiPaths.householdImport(commit), { method: 'POST', token, body: registerFileBody(file) });
  if (!response.ok && response.status !== 409) throw await errorFrom(response);
  return registerImportReportSchema.parse(await response.json());
}

export function assignBuilding(assignment: BuildingAssignment, token: string) {
  return requestJson(apiPaths.buildingAssignment, { method: 'POST', token, body: assignment, schema: buildingAssignmentResultSchema });
}

export function assignHouseholds(assignment: HouseholdAssignment, token: string) {
  return requestJson(apiPaths.householdAssignment, { method: 'POST', token, body: assignment, schema: buildingAssignmentResultSchema });
}

export async function fetchHouseholds(roundId: string, communityId: string, building: string, token: string): Promise<RegisteredHouseholdView[]> {
  return (await requestJson(apiPaths.households(roundId, communityId, building), { token, schema: householdListSchema })).households;
}

export async function fetchCommunityWorkers(communityId: string, token: string): Promise<CommunityWorker[]> {
  return (await requestJson(apiPaths.communityWorkers(communityId), { token, schema: communityWorkersSchema })).workers;
}

export async function fetchQuotas(roundId: string, token: string): Promise<Quota[]> {
  return (await requestJson(apiPaths.quotas(roundId), { token, schema: quotaListSchema })).quotas;
}

export async function saveQuota(quota: Quota, token: string): Promise<Quota> {
  return (await requestJson(apiPaths.quota, { method: 'PUT', token, body: quota, schema: z.object({ quota: quotaSchema }) })).quota;
}
