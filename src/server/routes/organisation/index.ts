import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod/mini';
import { errorBodySchema, errorCodes } from '../../../shared/errors';
import {
  communityImportIsClean,
  communityImportReportSchema,
  communityUpdateSchema,
  departmentActiveSchema,
  editedCommunitySchema,
  editedSubdistrictSchema,
  organisationDepartmentSchema,
  organisationSchema,
  subdistrictUpdateSchema,
  unitIdSchema,
} from '../../../shared/organisation-editing';
import { registerImportQuerySchema } from '../../../shared/households';
import { authenticate } from '../../auth/authenticate';
import { HttpError } from '../../http-error';
import type { Repositories } from '../../repositories';
import type { UnitSaveOutcome } from '../../repositories/organisation';
import { acceptTableFiles, csvContentType, readTable, xlsxContentType } from '../households/register-file';
import { checkCommunityNames } from './names-file';

const bearer = [{ bearer: [] }];
const tags = ['organisation'];
const maxNamesFileBytes = 2 * 1024 * 1024;
const refusals = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema, 409: errorBodySchema };

function saved<T>(outcome: UnitSaveOutcome<T>): T {
  if (!outcome.ok) throw new HttpError(outcome.code === 'conflict' ? 409 : 400, outcome.code === 'conflict' ? errorCodes.conflict : errorCodes.invalidRequest, outcome.message);
  return outcome.after;
}

/**
 * The whole organisation for the office (scope editors, register imports), whatever the caller's
 * own scope; the administrator edits it. Ids never change; every edit reaches devices that hold
 * the unit through the change log, and is audited.
 */
export const organisationRoutes: FastifyPluginAsync<{ repos: Repositories }> = async (app, { repos }) => {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const admin = authenticate(repos.sessions, ['admin']);
  acceptTableFiles(app, maxNamesFileBytes);

  api.get(
    '/api/organisation',
    {
      schema: {
        summary: 'Every sub-district, community and department, active or not',
        tags,
        security: bearer,
        response: { 200: organisationSchema, 401: errorBodySchema, 403: errorBodySchema },
      },
      onRequest: authenticate(repos.sessions, ['supervisor', 'admin']),
    },
    async () => ({ subdistricts: await repos.organisation.listSubdistricts(), communities: await repos.organisation.listCommunities(), departments: await repos.organisation.listDepartments() }),
  );

  api.put(
    '/api/organisation/subdistricts/:subdistrictId',
    {
      schema: {
        summary: 'Add or edit a sub-district (administrator)',
        description: 'Names, official code ("" for none) and whether it is active. Its devices receive the new names on the next pull.',
        tags,
        security: bearer,
        params: z.object({ subdistrictId: unitIdSchema }),
        body: subdistrictUpdateSchema,
        response: { 200: z.object({ subdistrict: editedSubdistrictSchema }), ...refusals },
      },
      onRequest: admin,
    },
    async (request) => ({ subdistrict: saved(await repos.organisation.saveSubdistrict({ id: request.params.subdistrictId, ...request.body }, request.user!.id)) }),
  );

  api.put(
    '/api/organisation/communities/:communityId',
    {
      schema: {
        summary: 'Add or edit a community (administrator)',
        description:
          'Names, official code ("" for none) and whether it is active. A community stays in its sub-district (409 otherwise); a Chinese name is unique within ' +
          'its sub-district and a code within the district. Its devices receive the new names on the next pull.',
        tags,
        security: bearer,
        params: z.object({ communityId: unitIdSchema }),
        body: communityUpdateSchema,
        response: { 200: z.object({ community: editedCommunitySchema }), ...refusals },
      },
      onRequest: admin,
    },
    async (request) => ({ community: saved(await repos.organisation.saveCommunity({ id: request.params.communityId, ...request.body }, request.user!.id)) }),
  );

  api.post(
    '/api/organisation/communities/import',
    {
      bodyLimit: maxNamesFileBytes,
      schema: {
        summary: 'Check, and with commit=true write, a file replacing communities’ names and codes (administrator)',
        description:
          `Body: a CSV (${csvContentType}, UTF-8) or XLSX (${xlsxContentType}, first sheet) whose first row names the columns id and name (社区编号、社区名称), ` +
          'optionally name_en and code (英文名称、社区代码). Lists every change, and unknown or repeated communities, invalid rows and clashes (a name twice in a ' +
          'sub-district, a code twice) with their line; nothing is written unless commit=true and there are none. Ids never change.',
        tags,
        security: bearer,
        querystring: registerImportQuerySchema,
        consumes: [csvContentType, xlsxContentType],
        response: { 200: communityImportReportSchema, 409: communityImportReportSchema, 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 413: errorBodySchema, 415: errorBodySchema },
      },
      onRequest: admin,
    },
    async (request, reply) => {
      if (!Buffer.isBuffer(request.body)) throw new HttpError(400, errorCodes.invalidRequest, `Send the file as ${csvContentType} or ${xlsxContentType}`);
      const table = await readTable(request.body, request.headers['content-type'] ?? '');
      const { report, changed } = checkCommunityNames(table, await repos.organisation.listEditedCommunities());
      if (request.query.commit !== 'true') return report;
      if (!communityImportIsClean(report)) return reply.code(409).send(report);
      await repos.organisation.replaceCommunityNames(changed, request.user!.id, { rows: report.rows, changed: changed.length, unchanged: report.unchanged });
      return { ...report, written: true };
    },
  );

  api.put(
    '/api/departments/:departmentId/active',
    {
      schema: {
        summary: 'Activate or deactivate a department (administrator)',
        description: 'A deactivated department keeps its cases and its users but is not offered for new escalations. Add or rename one with PUT /api/departments/{departmentId}.',
        tags,
        security: bearer,
        params: z.object({ departmentId: z.string().check(z.minLength(1), z.maxLength(100)) }),
        body: departmentActiveSchema,
        response: { 200: z.object({ departments: z.array(organisationDepartmentSchema) }), ...refusals },
      },
      onRequest: admin,
    },
    async (request) => {
      if (!(await repos.organisation.setDepartmentActive(request.params.departmentId, request.body.active, request.user!.id))) {
        throw new HttpError(404, errorCodes.notFound, `No department ${request.params.departmentId}`);
      }
      return { departments: await repos.organisation.listDepartments() };
    },
  );
};
