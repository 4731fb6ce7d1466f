import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { v5 as uuidv5 } from 'uuid';
import { z } from 'zod/mini';
import type { Assignment } from '../../../shared/assignments';
import { quotaId, quotaListQuerySchema, quotaListSchema, quotaSchema } from '../../../shared/assignments';
import type { SessionUser } from '../../../shared/auth';
import { errorBodySchema, errorCodes } from '../../../shared/errors';
import {
  buildingAssignmentResultSchema,
  buildingAssignmentSchema,
  communityWorkersQuerySchema,
  communityWorkersSchema,
  householdAssignmentSchema,
  householdListQuerySchema,
  householdListSchema,
  maxListedHouseholds,
  maxListedWorkers,
  registerImportQuerySchema,
  registerImportReportSchema,
} from '../../../shared/households';
import { authenticate } from '../../auth/authenticate';
import { HttpError } from '../../http-error';
import type { Repositories } from '../../repositories';
import type { RegisteredHousehold } from '../../repositories/households';
import { acceptTableFiles, checkRegister, csvContentType, readTable, xlsxContentType } from './register-file';

const bearer = [{ bearer: [] }];
const maxRegisterBytes = 20 * 1024 * 1024;
/** Assignment ids are derived from (round, household): reassigning a door keeps the household id its visits name. */
const assignmentNamespace = '5b0f3d5e-8f0e-4c59-9d8e-3c1e6a0b2f47';

export function assignmentIdOf(roundId: string, householdId: string): string {
  return uuidv5(`${roundId}:${householdId}`, assignmentNamespace);
}

interface AssignmentTarget {
  roundId: string;
  communityId: string;
  worker: { id: string };
}

/** The community in the user's scope (an officer: their sub-district), or 400/403. */
async function communityInScope(repos: Repositories, user: SessionUser, communityId: string): Promise<void> {
  const community = (await repos.organisation.listCommunities()).find((c) => c.id === communityId);
  if (!community) throw new HttpError(400, errorCodes.invalidRequest, `communityId: unknown community ${communityId}`);
  if (user.scope.level === 'subdistrict' && !user.scope.ids.includes(community.subdistrictId)) throw new HttpError(403, errorCodes.forbidden, `communityId: ${communityId} is outside your sub-district`);
}

/** Checks an assignment's community (in scope), round and worker (a grid worker of the community). */
async function assignmentTarget(repos: Repositories, user: SessionUser, request: { roundId: string; communityId: string; assignedTo: string }): Promise<AssignmentTarget> {
  const { roundId, communityId, assignedTo } = request;
  await communityInScope(repos, user, communityId);
  if (!(await repos.organisation.listRounds()).some((r) => r.id === roundId)) throw new HttpError(400, errorCodes.invalidRequest, `roundId: unknown round ${roundId}`);
  const worker = await repos.users.findActiveByUsername(assignedTo);
  if (!worker || worker.role !== 'grid_worker' || !worker.scope.ids.includes(communityId)) throw new HttpError(400, errorCodes.invalidRequest, `assignedTo: ${assignedTo} is not a grid worker of ${communityId}`);
  return { roundId, communityId, worker };
}

/**
 * Gives the doors to the worker: a door another worker had is withdrawn from them (a tombstone)
 * and given under the same id, so the visits made stay attached to it.
 */
async function assignDoors(repos: Repositories, target: AssignmentTarget, doors: readonly RegisteredHousehold[]): Promise<{ assigned: number; reassigned: number }> {
  const { roundId, communityId, worker } = target;
  let reassigned = 0;
  const assignments: Assignment[] = [];
  for (const door of doors) {
    const id = assignmentIdOf(roundId, door.id);
    const previous = await repos.entities.get('assignment', id);
    if (previous?.assignedTo === worker.id) continue;
    if (previous) {
      await repos.entities.remove('assignment', id);
      reassigned += 1;
    }
    assignments.push({ id, communityId, roundId, building: door.building, unit: door.unit, room: door.room, assignedTo: worker.id });
  }
  await repos.entities.save(assignments.map((a) => ({ kind: 'assignment', id: a.id, data: { ...a }, scope: { communityId, userId: worker.id } })));
  return { assigned: assignments.length, reassigned };
}

/** The household register (imported from CSV/XLSX), assigning whole buildings to grid workers, and quotas. */
export const householdRoutes: FastifyPluginAsync<{ repos: Repositories }> = async (app, { repos }) => {
  const api = app.withTypeProvider<ZodTypeProvider>();
  acceptTableFiles(app, maxRegisterBytes);
  const officeAssigners = authenticate(repos.sessions, ['subdistrict_officer', 'supervisor', 'admin']);

  api.post(
    '/api/households/import',
    {
      bodyLimit: maxRegisterBytes,
      schema: {
        summary: 'Check, and with commit=true write, a household register file',
        description:
          `Body: a CSV (${csvContentType}, UTF-8) or XLSX (${xlsxContentType}, first sheet) whose first row names the columns community, building, unit, room ` +
          '(or 社区、楼栋、单元、房号); community is the id or the name. Lists duplicates in the file, unknown communities and invalid rows with their line; ' +
          'nothing is written unless commit=true and there are none. Doors already registered are left as they are.',
        tags: ['households'],
        security: bearer,
        querystring: registerImportQuerySchema,
        consumes: [csvContentType, xlsxContentType],
        response: { 200: registerImportReportSchema, 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 409: registerImportReportSchema, 413: errorBodySchema, 415: errorBodySchema },
      },
      onRequest: authenticate(repos.sessions, ['supervisor', 'admin']),
    },
    async (request, reply) => {
      const body = request.body;
      if (!Buffer.isBuffer(body)) throw new HttpError(400, errorCodes.invalidRequest, `Send the register as ${csvContentType} or ${xlsxContentType}`);
      const table = await readTable(body, request.headers['content-type'] ?? '');
      const communities = await repos.organisation.listCommunities();
      const { report, newRows } = checkRegister(table, communities, await repos.households.registeredKeys(communities.map((c) => c.id)));
      const clean = report.duplicates.count === 0 && report.unknownCommunities.count === 0 && report.invalid.count === 0;
      if (request.query.commit !== 'true') return report;
      if (!clean) return reply.code(409).send(report);
      const written = await repos.households.insert(newRows);
      await repos.audit.record(request.user!.id, 'households.import', { rows: report.rows, newHouseholds: written, alreadyRegistered: report.alreadyRegistered });
      return { ...report, newHouseholds: written, written: true };
    },
  );

  api.post(
    '/api/assignments/building',
    {
      schema: {
        summary: 'Assign every registered door of a building to a grid worker for a round',
        description:
          'The worker receives the doors on the next pull. A door assigned to another worker moves: that worker receives a tombstone, and the household id ' +
          '(the assignment id, derived from round and door) stays, so visits already made keep pointing at it. Officers may assign in their own sub-district only.',
        tags: ['assignments'],
        security: bearer,
        body: buildingAssignmentSchema,
        response: { 200: buildingAssignmentResultSchema, 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema },
      },
      onRequest: officeAssigners,
    },
    async (request) => {
      const { roundId, communityId, building, assignedTo } = request.body;
      const target = await assignmentTarget(repos, request.user!, { roundId, communityId, assignedTo });
      const doors = await repos.households.inCommunity(communityId, { building });
      if (doors.length === 0) throw new HttpError(404, errorCodes.notFound, `No registered households in building ${building} of ${communityId}`);
      const result = await assignDoors(repos, target, doors);
      await repos.audit.record(request.user!.id, 'assignment.building', { roundId, communityId, building, workerId: target.worker.id, ...result });
      return result;
    },
  );

  api.post(
    '/api/assignments/households',
    {
      schema: {
        summary: 'Assign listed registered doors of a community to a grid worker for a round',
        description:
          'As a building assignment, for single doors: the worker receives them on the next pull; a door another worker had moves (that worker receives a ' +
          'tombstone) and keeps its household id, so visits already made keep pointing at it. Every id must be a registered door of the community.',
        tags: ['assignments'],
        security: bearer,
        body: householdAssignmentSchema,
        response: { 200: buildingAssignmentResultSchema, 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema },
      },
      onRequest: officeAssigners,
    },
    async (request) => {
      const { roundId, communityId, householdIds, assignedTo } = request.body;
      const target = await assignmentTarget(repos, request.user!, { roundId, communityId, assignedTo });
      const doors = await repos.households.inCommunity(communityId, { ids: householdIds });
      const unknown = [...new Set(householdIds)].filter((id) => !doors.some((door) => door.id === id));
      if (unknown.length > 0) throw new HttpError(400, errorCodes.invalidRequest, `householdIds: not registered in ${communityId}: ${unknown.slice(0, 10).join(', ')}`);
      const result = await assignDoors(repos, target, doors);
      await repos.audit.record(request.user!.id, 'assignment.households', { roundId, communityId, householdIds: doors.map((door) => door.id), workerId: target.worker.id, ...result });
      return result;
    },
  );

  api.get(
    '/api/households',
    {
      schema: {
        summary: 'A community’s registered doors (or one building’s) and who has each in a round',
        tags: ['households'],
        security: bearer,
        querystring: householdListQuerySchema,
        response: { 200: householdListSchema, 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema },
      },
      onRequest: officeAssigners,
    },
    async (request) => {
      const { roundId, communityId, building } = request.query;
      await communityInScope(repos, request.user!, communityId);
      const doors = await repos.households.inCommunity(communityId, building === undefined ? {} : { building });
      if (doors.length > maxListedHouseholds) throw new HttpError(400, errorCodes.invalidRequest, `More than ${maxListedHouseholds} doors: name a building`);
      const holders = new Map((await repos.entities.listAssignments(communityId)).filter((a) => a.roundId === roundId).map((a) => [a.id, a.assignedTo]));
      const names = await repos.users.namesOf([...new Set(holders.values())]);
      return {
        households: doors.map((door) => {
          const holder = holders.get(assignmentIdOf(roundId, door.id));
          return { id: door.id, building: door.building, unit: door.unit, room: door.room, assignedToName: holder === undefined ? null : (names.get(holder) ?? holder) };
        }),
      };
    },
  );

  api.get(
    '/api/households/workers',
    {
      schema: {
        summary: 'The active grid workers of a community, to choose whom its doors are assigned to',
        description: 'Username and display name of each grid worker whose scope holds the community. Officers may ask for their own sub-district only.',
        tags: ['households'],
        security: bearer,
        querystring: communityWorkersQuerySchema,
        response: { 200: communityWorkersSchema, 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema },
      },
      onRequest: officeAssigners,
    },
    async (request) => {
      await communityInScope(repos, request.user!, request.query.communityId);
      return { workers: (await repos.users.activeGridWorkersOf(request.query.communityId)).slice(0, maxListedWorkers) };
    },
  );

  api.get(
    '/api/quotas',
    {
      schema: {
        summary: 'Every community’s quotas of a round',
        tags: ['assignments'],
        security: bearer,
        querystring: quotaListQuerySchema,
        response: { 200: quotaListSchema, 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema },
      },
      onRequest: authenticate(repos.sessions, ['supervisor', 'admin']),
    },
    async (request) => ({ quotas: await repos.entities.listQuotas(request.query.roundId) }),
  );

  api.put(
    '/api/quotas',
    {
      schema: {
        summary: 'Set how many responses of an audience a community should collect in a round',
        description: 'Devices of the community receive it on the next pull.',
        tags: ['assignments'],
        security: bearer,
        body: quotaSchema,
        response: { 200: z.object({ quota: quotaSchema }), 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema },
      },
      onRequest: authenticate(repos.sessions, ['supervisor', 'admin']),
    },
    async (request) => {
      const quota = request.body;
      if (!(await repos.organisation.listCommunities()).some((c) => c.id === quota.communityId)) throw new HttpError(400, errorCodes.invalidRequest, `communityId: unknown community ${quota.communityId}`);
      if (!(await repos.organisation.listRounds()).some((r) => r.id === quota.roundId)) throw new HttpError(400, errorCodes.invalidRequest, `roundId: unknown round ${quota.roundId}`);
      await repos.entities.save([{ kind: 'quota', id: quotaId(quota), data: { ...quota }, scope: { communityId: quota.communityId } }]);
      await repos.audit.record(request.user!.id, 'quota.set', { ...quota });
      return { quota };
    },
  );
};
