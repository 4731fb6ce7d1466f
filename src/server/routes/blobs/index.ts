import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { SessionUser } from '../../../shared/auth';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod/mini';
import { errorBodySchema, errorCodes } from '../../../shared/errors';
import { sha256Hex } from '../../../shared/hashing';
import { sha256Schema } from '../../../shared/records';
import { heldBlobsRequestSchema, heldBlobsResponseSchema, maxHashesPerHeldCheck } from '../../../shared/sync';
import { authenticate } from '../../auth/authenticate';
import { maySeeBlob } from '../../auth/blob-access';
import type { Role } from '../../../shared/roles';
import { pushingRoles } from '../../sync/authorise';
import { HttpError } from '../../http-error';
import type { Repositories } from '../../repositories';
import { blobContentSecurityPolicy } from '../../security-headers';
import { resumableUploadRoutes } from './resumable';

export interface BlobRouteOptions {
  repos: Repositories;
  maxBlobBytes: number;
  /** Bytes of blobs each user may upload in all. */
  quotaBytes: number;
  /** Bytes each user may send in a window: a week of photos synced at once stays below it, a flood does not. */
  uploadRate: { maxBytes: number; timeWindowMs: number };
}

const params = z.object({ sha256: sha256Schema });
const bearer = [{ bearer: [] }];
const blobContentTypes = ['application/octet-stream', 'image/png', 'image/webp', 'image/jpeg'];
/** Roles that push records, and those that upload photos of a case's progress. */
const uploadingRoles: readonly Role[] = [...pushingRoles, 'subdistrict_officer', 'department'];
const scopeRule =
  'Visible to its uploader and to users whose scope holds a record that references it (field roles: their communities; ' +
  'officers: their sub-district; supervisors and administrators: the district); otherwise 404, so existence is not revealed.';

export const blobRoutes: FastifyPluginAsync<BlobRouteOptions & { now: () => Date }> = async (app, { repos, maxBlobBytes, quotaBytes, uploadRate, now }) => {
  app.addContentTypeParser(blobContentTypes, { parseAs: 'buffer', bodyLimit: maxBlobBytes }, (_request, body, done) => done(null, body));
  const api = app.withTypeProvider<ZodTypeProvider>();

  /** Absent (no uploader) and "not yours" are alike to the user. */
  async function maySee(user: SessionUser, hash: string, blob: { uploaders: readonly string[] } | undefined): Promise<boolean> {
    return blob !== undefined && (await maySeeBlob(user, blob.uploaders, () => repos.blobs.references(hash)));
  }

  /** 404 alike for "absent" and "not yours". */
  async function visible<T extends { uploaders: readonly string[] }>(user: SessionUser, hash: string, blob: T | undefined): Promise<T> {
    if (blob === undefined || !(await maySee(user, hash, blob))) throw new HttpError(404, errorCodes.notFound, `No blob ${hash}`);
    return blob;
  }

  const uploadRateKey = (user: SessionUser) => `blob-upload-bytes|${user.id}`;
  const countUploaded = (user: SessionUser, bytes: number) => repos.rateLimits.hit(uploadRateKey(user), uploadRate.timeWindowMs, bytes).then(() => undefined);

  /** Stores a whole blob received by either route: its bytes must hash to its name, and fit the uploader's quota. */
  async function storeWhole(user: SessionUser, hash: string, bytes: Buffer, contentType: string): Promise<'created' | 'existing'> {
    const actual = sha256Hex(bytes);
    if (actual !== hash) throw new HttpError(400, errorCodes.invalidRequest, `The bytes hash to ${actual}, not ${hash}`);
    if (!(await repos.blobs.uploader(hash)) && (await repos.blobs.bytesUploadedBy(user.id)) + bytes.length > quotaBytes) {
      throw new HttpError(413, errorCodes.payloadTooLarge, `Upload quota reached: each user may store ${quotaBytes} bytes of blobs; push the records that use them or ask an administrator`);
    }
    return repos.blobs.put(hash, bytes, contentType, user.id);
  }

  /** Runs before the body is read, so a user past the rate costs one lookup and no bytes. */
  async function refuseOverUploadRate(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const sent = await repos.rateLimits.peek(uploadRateKey(request.user!));
    if (sent && sent.hits >= uploadRate.maxBytes) {
      reply.header('retry-after', Math.max(1, Math.ceil((sent.windowEndsAt.getTime() - now().getTime()) / 1000)));
      throw new HttpError(429, errorCodes.rateLimited, `Upload rate reached: each user may send ${uploadRate.maxBytes} bytes of blobs per ${uploadRate.timeWindowMs / 1000} s; try again later`);
    }
  }

  api.put(
    '/api/blobs/:sha256',
    {
      bodyLimit: maxBlobBytes,
      schema: {
        summary: 'Upload a blob (e.g. a signature image) named by the SHA-256 of its bytes',
        description:
          `201 when stored now, 200 when the server already had it, 400 when the bytes do not hash to the name, 413 above ${maxBlobBytes} bytes ` +
          `or when the uploader's blobs would pass the per-user quota of ${quotaBytes} bytes; 429 with Retry-After once the user has sent ` +
          `${uploadRate.maxBytes} bytes in ${uploadRate.timeWindowMs / 1000} s (every upload counts, stored or not). ` +
          'Roles that push records may upload, and officers and departments (evidence of a case). ' +
          'A blob that no record references is removed after a grace period, so push the record that uses it.',
        tags: ['sync'],
        security: bearer,
        params,
        consumes: blobContentTypes,
        response: {
          200: z.object({ hash: z.string(), stored: z.literal('existing') }),
          201: z.object({ hash: z.string(), stored: z.literal('created') }),
          400: errorBodySchema,
          401: errorBodySchema,
          403: errorBodySchema,
          413: errorBodySchema,
          429: errorBodySchema,
        },
      },
      onRequest: [authenticate(repos.sessions, uploadingRoles), refuseOverUploadRate],
    },
    async (request, reply) => {
      const bytes = request.body;
      if (!(bytes instanceof Buffer) || bytes.length === 0) throw new HttpError(400, errorCodes.invalidRequest, 'Send the blob as raw bytes (application/octet-stream or image/*)');
      await countUploaded(request.user!, bytes.length);
      const hash = request.params.sha256;
      const stored = await storeWhole(request.user!, hash, bytes, request.headers['content-type']?.split(';')[0] ?? 'application/octet-stream');
      return stored === 'created' ? reply.code(201).send({ hash, stored }) : reply.code(200).send({ hash, stored });
    },
  );

  resumableUploadRoutes(app, { repos, maxBlobBytes, quotaBytes, contentTypes: blobContentTypes, onRequest: [authenticate(repos.sessions, uploadingRoles), refuseOverUploadRate], countUploaded, storeWhole });

  api.head(
    '/api/blobs/:sha256',
    {
      schema: { summary: 'Whether you can see a blob: 200 or 404, no body', description: scopeRule, tags: ['sync'], security: bearer, params },
      onRequest: authenticate(repos.sessions),
    },
    async (request, reply) => {
      await visible(request.user!, request.params.sha256, await repos.blobs.uploader(request.params.sha256));
      return reply.code(200).send();
    },
  );

  api.post(
    '/api/blobs/held',
    {
      schema: {
        summary: 'Which blobs of a list the server holds for you, in one request instead of a HEAD each',
        description:
          `Body {hashes}: 1 to ${maxHashesPerHeldCheck} SHA-256 names. \`held\`: those you can see, as HEAD /api/blobs/{sha256} would answer 200 (${scopeRule}). ` +
          '`uploads`: of the rest, your own uploads in progress with the bytes held (`offset`) of the whole (`length`), as HEAD /api/blobs/{sha256}/upload answers; ' +
          'continue each with PATCH from its offset. Hashes in neither list are to be uploaded whole. Advertised as `heldBlobsCheck` in GET /api/sync/config.',
        tags: ['sync'],
        security: bearer,
        body: heldBlobsRequestSchema,
        response: { 200: heldBlobsResponseSchema, 400: errorBodySchema, 401: errorBodySchema },
      },
      onRequest: authenticate(repos.sessions),
    },
    async (request) => {
      const user = request.user!;
      const hashes = [...new Set(request.body.hashes)];
      // One read for who uploaded what; the references are read only where the answer depends on them.
      const uploadersOf = await repos.blobs.uploadersOf(hashes);
      const held: string[] = [];
      for (const hash of hashes) {
        const uploaders = uploadersOf.get(hash);
        if (await maySee(user, hash, uploaders && { uploaders })) held.push(hash);
      }
      const unheld = hashes.filter((hash) => !held.includes(hash));
      const inProgress = await repos.blobUploads.findMany(unheld, user.id);
      const uploads = unheld.flatMap((hash) => {
        const upload = inProgress.get(hash);
        return upload ? [{ hash, offset: upload.received, length: upload.length }] : [];
      });
      return { held, uploads };
    },
  );

  api.get(
    '/api/blobs/:sha256',
    {
      exposeHeadRoute: false,
      schema: {
        summary: 'Download a blob, as an attachment; errors as {error: {code, message}}',
        description: `${scopeRule} Every download is recorded in the audit log.`,
        tags: ['sync'],
        security: bearer,
        params,
      },
      onRequest: authenticate(repos.sessions),
    },
    async (request, reply) => {
      const hash = request.params.sha256;
      const blob = await visible(request.user!, hash, await repos.blobs.get(hash));
      await repos.audit.record(request.user!.id, 'blob.download', { hash, ip: request.ip });
      return reply
        .type(blob.contentType)
        .header('content-disposition', `attachment; filename="${hash}"`)
        .header('content-security-policy', blobContentSecurityPolicy)
        .send(Buffer.from(blob.bytes));
    },
  );
};
