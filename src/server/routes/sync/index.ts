import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errorBodySchema, errorCodes } from '../../../shared/errors';
import { pullQuerySchema, pullResponseSchema, pushRequestSchema, pushResponseSchema, syncLimitsSchema, type SyncLimits } from '../../../shared/sync';
import { authenticate } from '../../auth/authenticate';
import { recordPushingRoles } from '../../auth/roles';
import { HttpError } from '../../http-error';
import type { Repositories } from '../../repositories';

export interface SyncRouteOptions {
  repos: Repositories;
  limits: SyncLimits;
}

const bearer = [{ bearer: [] }];

export const syncRoutes: FastifyPluginAsync<SyncRouteOptions> = async (app, { repos, limits }) => {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/api/sync/config',
    {
      schema: {
        summary: 'Limits a client must respect when pushing and pulling',
        tags: ['sync'],
        security: bearer,
        response: { 200: syncLimitsSchema, 401: errorBodySchema },
      },
      onRequest: authenticate(repos.sessions),
    },
    async () => limits,
  );

  api.post(
    '/api/sync/push',
    {
      bodyLimit: limits.maxBytesPerRequest,
      schema: {
        summary: 'Push a batch of finalised records',
        description:
          'The batch is applied in one transaction. Per record: accepted (stored now), duplicate (same id and hash already stored), ' +
          'conflict (same id, other hash: both kept, nothing overwritten) or rejected (invalid, with the field and reason; ' +
          'records referencing a blob the server lacks are rejected with "missing blob …", so upload blobs first). ' +
          'Limits from GET /api/sync/config: more records or bytes than allowed get 413.',
        tags: ['sync'],
        security: bearer,
        body: pushRequestSchema,
        response: { 200: pushResponseSchema, 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 413: errorBodySchema },
      },
      onRequest: authenticate(repos.sessions, recordPushingRoles),
    },
    async (request) => {
      const { records, batchId, deviceId } = request.body;
      if (records.length > limits.maxRecordsPerBatch) {
        throw new HttpError(413, errorCodes.payloadTooLarge, `A batch may hold at most ${limits.maxRecordsPerBatch} records, not ${records.length}`);
      }
      const user = request.user!;
      const results = await repos.records.push(user, request.body);
      const counts = Object.fromEntries(['accepted', 'duplicate', 'conflict', 'rejected'].map((s) => [s, results.filter((r) => r.status === s).length]));
      await repos.audit.record(user.id, 'sync.push', { batchId, deviceId, ...counts });
      return { results, serverTime: new Date().toISOString() };
    },
  );

  api.get(
    '/api/sync/pull',
    {
      schema: {
        summary: 'Changes in your scope after a checkpoint',
        description:
          'Pass the checkpoint of the previous answer ("0" the first time) and page until hasMore is false. ' +
          'Deletions come as tombstones (deleted: true, data: null). A change is never skipped: the sequence is committed in order.',
        tags: ['sync'],
        security: bearer,
        querystring: pullQuerySchema,
        response: { 200: pullResponseSchema, 400: errorBodySchema, 401: errorBodySchema },
      },
      onRequest: authenticate(repos.sessions),
    },
    async (request) => {
      const limit = Math.min(request.query.limit ?? limits.maxPullLimit, limits.maxPullLimit);
      const page = await repos.changes.pull(request.user!, Number(request.query.checkpoint), limit);
      return { changes: page.changes, checkpoint: String(page.checkpoint), hasMore: page.hasMore };
    },
  );
};
