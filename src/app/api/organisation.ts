import { z } from 'zod/mini';
import { departmentListSchema, type departmentUpdateSchema } from '../../shared/cases/api';
import {
  communityImportReportSchema,
  editedCommunitySchema,
  editedSubdistrictSchema,
  organisationDepartmentSchema,
  organisationSchema,
  type CommunityImportReport,
  type CommunityUpdate,
  type Organisation,
  type SubdistrictUpdate,
} from '../../shared/organisation-editing';
import { registerFileBody } from './households';
import { errorFrom, requestJson, send } from './http';
import { apiPaths } from './paths';

export function fetchOrganisation(token: string): Promise<Organisation> {
  return requestJson(apiPaths.organisation, { token, schema: organisationSchema });
}

export async function saveSubdistrict(subdistrictId: string, update: SubdistrictUpdate, token: string) {
  return (await requestJson(apiPaths.organisationSubdistrict(subdistrictId), { method: 'PUT', token, body: update, schema: z.object({ subdistrict: editedSubdistrictSchema }) })).subdistrict;
}

export async function saveCommunity(communityId: string, update: CommunityUpdate, token: string) {
  return (await requestJson(apiPaths.organisationCommunity(communityId), { method: 'PUT', token, body: update, schema: z.object({ community: editedCommunitySchema }) })).community;
}

/** Checks a community names file (commit false) or writes it when clean (commit true); a file with problems comes back as its report either way. */
export async function importCommunityNames(file: File, commit: boolean, token: string): Promise<CommunityImportReport> {
  const response = await send(apiPaths.communityNamesImport(commit), { method: 'POST', token, body: registerFileBody(file) });
  if (!response.ok && response.status !== 409) throw await errorFrom(response);
  return communityImportReportSchema.parse(await response.json());
}

/** Adds or renames a department (the negative list's route). */
export function saveDepartment(departmentId: string, names: z.infer<typeof departmentUpdateSchema>, token: string) {
  return requestJson(apiPaths.department(departmentId), { method: 'PUT', token, body: names, schema: departmentListSchema });
}

export function setDepartmentActive(departmentId: string, active: boolean, token: string) {
  return requestJson(apiPaths.departmentActive(departmentId), { method: 'PUT', token, body: { active }, schema: z.object({ departments: z.array(organisationDepartmentSchema) }) });
}
