import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod/mini';
import { errorBodySchema, errorCodes } from '../../../shared/errors';
import { sha256Hex } from '../../../shared/hashing';
import { sha256Schema } from '../../../shared/records';
import { authenticate } from '../../auth/authenticate';
import { HttpError } from '../../http-error';
import type { Repositories } from '../../repositories';

export interface BlobRouteOptions {
  repos: Repositories;
  maxBlobBytes: number;
}

const params = z.object({ sha256: sha256Schema });
const bearer = [{ bearer: [] }];
const blobContentTypes = ['application/octet-stream', 'image/png', 'image/webp', 'image/jpeg'];

export const blobRoutes: FastifyPluginAsync<BlobRouteOptions> = async (app, { repos, maxBlobBytes }) => {
  app.addContentTypeParser(blobContentTypes, { parseAs: 'buffer', bodyLimit: maxBlobBytes }, (_request, body, done) => done(null, body));
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.put(
    '/api/blobs/:sha256',
    {
      bodyLimit: maxBlobBytes,
      schema: {
        summary: 'Upload a blob (e.g. a signature image) named by the SHA-256 of its bytes',
        description: `201 when stored now, 200 when the server already had it, 400 when the bytes do not hash to the name, 413 above ${maxBlobBytes} bytes.`,
        tags: ['sync'],
        security: bearer,
        params,
        consumes: blobContentTypes,
        response: { 200: z.object({ hash: z.string(), stored: z.literal('existing') }), 201: z.object({ hash: z.string(), stored: z.literal('created') }), 400: errorBodySchema, 401: errorBodySchema, 413: errorBodySchema },
      },
      preHandler: authenticate(repos.sessions),
    },
    async (request, reply) => {
      const bytes = request.body;
      if (!(bytes instanceof Buffer) || bytes.length === 0) throw new HttpError(400, errorCodes.invalidRequest, 'Send the blob as raw bytes (application/octet-stream or image/*)');
      const hash = request.params.sha256;
      const actual = sha256Hex(bytes);
      if (actual !== hash) throw new HttpError(400, errorCodes.invalidRequest, `The bytes hash to ${actual}, not ${hash}`);
      const contentType = request.headers['content-type']?.split(';')[0] ?? 'application/octet-stream';
      const stored = await repos.blobs.put(hash, bytes, contentType, request.user!.id);
      return stored === 'created' ? reply.code(201).send({ hash, stored }) : reply.code(200).send({ hash, stored });
    },
  );

  api.head(
    '/api/blobs/:sha256',
    {
      schema: { summary: 'Whether the server has a blob: 200 or 404, no body', tags: ['sync'], security: bearer, params },
      preHandler: authenticate(repos.sessions),
    },
    async (request, reply) => reply.code((await repos.blobs.has(request.params.sha256)) ? 200 : 404).send(),
  );

  api.get(
    '/api/blobs/:sha256',
    {
      exposeHeadRoute: false,
      schema: { summary: 'Download a blob (office roles); errors as {error: {code, message}}', tags: ['sync'], security: bearer, params },
      preHandler: authenticate(repos.sessions, ['subdistrict_officer', 'supervisor', 'admin']),
    },
    async (request, reply) => {
      const blob = await repos.blobs.get(request.params.sha256);
      if (!blob) throw new HttpError(404, errorCodes.notFound, `No blob ${request.params.sha256}`);
      return reply.type(blob.contentType).header('Cache-Control', 'private, max-age=31536000, immutable').send(Buffer.from(blob.bytes));
    },
  );
};
