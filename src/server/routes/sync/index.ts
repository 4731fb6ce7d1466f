import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errorBodySchema, errorCodes } from '../../../shared/errors';
import { pullQuerySchema, pullResponseSchema, pushRequestSchemaFor, pushResponseSchema, syncLimitsSchema, type SyncLimits } from '../../../shared/sync';
import { authenticate } from '../../auth/authenticate';
import { HttpError } from '../../http-error';
import type { Repositories } from '../../repositories';
import type { PushPipeline } from '../../sync/apply-batch';
import { pushingRoles } from '../../sync/authorise';

export interface SyncRouteOptions {
  repos: Repositories;
  limits: SyncLimits;
  /** What happens to a pushed batch (server/sync). */
  push: PushPipeline;
}

const bearer = [{ bearer: [] }];

export const syncRoutes: FastifyPluginAsync<SyncRouteOptions> = async (app, { repos, limits, push }) => {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/api/sync/config',
    {
      schema: {
        summary: 'Limits a client must respect when pushing and pulling',
        description:
          '`requestEncodings` lists the Content-Encodings accepted on request bodies (gzip): a compressed push is limited by its size after inflating, ' +
          'and one that inflates past `maxBytesPerRequest` is refused with 413. `resumableBlobUploads` says blobs may also be sent resumably ' +
          '(HEAD and PATCH /api/blobs/{sha256}/upload), so that a cut upload continues from the bytes the server holds; ' +
          '`heldBlobsCheck` that POST /api/blobs/held answers for a list of blobs at once which are held.',
        tags: ['sync'],
        security: bearer,
        response: { 200: syncLimitsSchema, 401: errorBodySchema },
      },
      onRequest: authenticate(repos.sessions),
    },
    async () => ({ ...limits, requestEncodings: ['gzip' as const], resumableBlobUploads: true, heldBlobsCheck: true }),
  );

  const tooManyRecords = (count: number) => new HttpError(413, errorCodes.payloadTooLarge, `A batch may hold at most ${limits.maxRecordsPerBatch} records, not ${count}`);

  api.post(
    '/api/sync/push',
    {
      bodyLimit: limits.maxBytesPerRequest,
      schema: {
        summary: 'Push a batch of finalised records',
        description:
          'The batch is applied in one transaction. Each record is checked on its own, envelope included, so one bad record never fails the batch. ' +
          'Per record: accepted (stored now), duplicate (same id and hash already stored), conflict (same id and author, other hash: both kept, nothing overwritten) ' +
          'or rejected with `code` and `error` (the field and reason). `code` is `invalid` for a record that breaks a rule, `missing_blob` with `blobHash` ' +
          'for a signature whose image the server lacks (upload it, then resend), `missing_record` for a signature whose signed record is not stored yet (resend later). A record whose own id is not a lower-case UUID is answered with the id as ' +
          'given, cut to 100 characters (or "" when it has no string id). Rules: ids are canonical lower-case UUIDs (not nil or max); data matches its ' +
          "kind's schema for the `schemaVersion` named (strict: unknown keys are refused; an older version is upgraded and checked against the current one; " +
          'the hash is over the record as sent); times lie in 2000-2099 and finalisedAt is not before createdAt; no text holds U+0000; data nests at most 8 levels; ' +
          'communityId, roundId and the questionnaire version exist, and answers are items and options of that version; a signature has an image or a ' +
          "declined reason and names a record stored or in the batch whose hash it carries; a version of another user's record id is rejected. " +
          'Limits from GET /api/sync/config: more records or bytes than allowed get 413.',
        tags: ['sync'],
        security: bearer,
        body: pushRequestSchemaFor(limits),
        response: { 200: pushResponseSchema, 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 413: errorBodySchema },
      },
      // Counted before validation, so that an oversized batch gets 413 whatever its records hold.
      preValidation: async (request) => {
        const records = (request.body as { records?: unknown } | undefined)?.records;
        if (Array.isArray(records) && records.length > limits.maxRecordsPerBatch) throw tooManyRecords(records.length);
      },
      onRequest: authenticate(repos.sessions, pushingRoles),
    },
    async (request) => {
      const { batchId, deviceId, records } = request.body;
      const results = await push.push(request.user!, { batchId, deviceId, records });
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
          'Deletions come as tombstones (deleted: true, data: null). Changes come in commit order (on PostgreSQL not always ascending `seq`): page from the checkpoint returned, which names the last change served; a change is never skipped. ' +
          'Optional for clients: a change of kind `refusal_outcome` (data: refusalId, recordId, recordHash, decision `accepted` or `dismissed`, reason, correctedRecordId, decidedAt) tells the user who pushed a rejected record or conflicting version what the office decided; a client that does not know the kind may ignore it.',
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
