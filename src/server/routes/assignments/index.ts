import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod/mini';
import { assignmentSchema, newAssignmentSchema, type Assignment } from '../../../shared/assignments';
import { errorBodySchema, errorCodes } from '../../../shared/errors';
import { authenticate } from '../../auth/authenticate';
import { HttpError } from '../../http-error';
import type { Repositories } from '../../repositories';

export const assignmentRoutes: FastifyPluginAsync<{ repos: Repositories }> = async (app, { repos }) => {
  app.withTypeProvider<ZodTypeProvider>().post(
    '/api/assignments',
    {
      schema: {
        summary: 'Assign a household to a grid worker for a round',
        description: 'The worker receives it on the next pull. Sub-district officers may assign in their own sub-district only.',
        tags: ['assignments'],
        security: [{ bearer: [] }],
        body: newAssignmentSchema,
        response: { 201: z.object({ assignment: assignmentSchema }), 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema },
      },
      onRequest: authenticate(repos.sessions, ['subdistrict_officer', 'supervisor', 'admin']),
    },
    async (request, reply) => {
      const body = request.body;
      const user = request.user!;
      const community = (await repos.organisation.listCommunities()).find((c) => c.id === body.communityId);
      if (!community) throw new HttpError(400, errorCodes.invalidRequest, `communityId: unknown community ${body.communityId}`);
      if (user.scope.level === 'subdistrict' && !user.scope.ids.includes(community.subdistrictId)) {
        throw new HttpError(403, errorCodes.forbidden, `communityId: ${body.communityId} is outside your sub-district`);
      }
      if (!(await repos.organisation.listRounds()).some((r) => r.id === body.roundId)) {
        throw new HttpError(400, errorCodes.invalidRequest, `roundId: unknown round ${body.roundId}`);
      }
      const worker = await repos.users.findActiveByUsername(body.assignedTo);
      if (!worker || worker.role !== 'grid_worker' || !worker.scope.ids.includes(body.communityId)) {
        throw new HttpError(400, errorCodes.invalidRequest, `assignedTo: ${body.assignedTo} is not a grid worker of ${body.communityId}`);
      }
      const assignment: Assignment = { ...body, id: uuidv7(), assignedTo: worker.id };
      await repos.entities.save([{ kind: 'assignment', id: assignment.id, data: assignment, scope: { communityId: assignment.communityId, userId: worker.id } }]);
      await repos.audit.record(user.id, 'assignment.create', { assignmentId: assignment.id, workerId: worker.id });
      return reply.code(201).send({ assignment });
    },
  );
};
