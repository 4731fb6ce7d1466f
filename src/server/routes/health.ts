import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod/mini';
import { errorBodySchema, errorCodes } from '../../shared/errors';
import type { Database } from '../db/database';
import { HttpError } from '../http-error';

export const healthRoutes: FastifyPluginAsync<{ db: Database }> = async (app, { db }) => {
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
        await sql`select 1`.execute(db);
      } catch (error) {
        app.log.error({ err: error }, 'health check: database does not answer');
        throw new HttpError(503, errorCodes.unavailable, 'The database does not answer');
      }
      return { status: 'ok' as const, serverTime: new Date().toISOString() };
    },
  );
};
