import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod/mini';
import { errorBodySchema, errorCodes } from '../../shared/errors';
import { HttpError } from '../http-error';
import type { HealthRepository } from '../repositories/health';

export const healthRoutes: FastifyPluginAsync<{ health: HealthRepository }> = async (app, { health }) => {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/health',
    {
      schema: {
        summary: 'Liveness and database check',
        tags: ['system'],
        response: { 200: z.object({ status: z.literal('ok'), serverTime: z.iso.datetime() }), 503: errorBodySchema },
      },
    },
    async () => {
      try {
        await health.ping();
      } catch (error) {
        app.log.error({ err: error }, 'health check: database does not answer');
        throw new HttpError(503, errorCodes.unavailable, 'The database does not answer');
      }
      return { status: 'ok' as const, serverTime: new Date().toISOString() };
    },
  );
};
