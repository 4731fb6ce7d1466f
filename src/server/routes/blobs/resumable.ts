import type { FastifyInstance, onRequestHookHandler } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod/mini';
import type { SessionUser } from '../../../shared/auth';
import { errorBodySchema, errorCodes } from '../../../shared/errors';
import { sha256Schema } from '../../../shared/records';
import { resumableUpload } from '../../../shared/sync';
import { HttpError } from '../../http-error';
import type { Repositories } from '../../repositories';

export interface ResumableUploadOptions {
  repos: Repositories;
  maxBlobBytes: number;
  quotaBytes: number;
  contentTypes: readonly string[];
  /** The whole upload's checks (token, role, upload rate), run before any byte is read. */
  onRequest: onRequestHookHandler[];
  /** Counts bytes received towards the uploader's upload rate. */
  countUploaded(user: SessionUser, bytes: number): Promise<void>;
  /** The whole upload's way of storing a blob (hash and quota checked there). */
  storeWhole(user: SessionUser, hash: string, bytes: Buffer, contentType: string): Promise<'created' | 'existing'>;
}

/** Bytes received are kept in parts of about this size, so a cut loses at most what had not yet arrived. */
export const uploadPartBytes = 64 * 1024;

const params = z.object({ sha256: sha256Schema });
const bearer = [{ bearer: [] }];
const offsetHeader = resumableUpload.offsetHeader.toLowerCase();
const lengthHeader = resumableUpload.lengthHeader.toLowerCase();
const wholeNumber = z.coerce.number().check(z.int(), z.nonnegative());
const ownUploadRule =
  'Each upload in progress is its uploader’s own: another user’s upload of the same hash is invisible to you (404) and cannot be appended to; ' +
  'starting at offset 0 makes your own.';

export function resumableUploadRoutes(app: FastifyInstance, options: ResumableUploadOptions): void {
  const { repos, maxBlobBytes, quotaBytes, contentTypes, onRequest, countUploaded, storeWhole } = options;
  // The body is read as it arrives, so that the bytes before a cut are kept.
  app.addContentTypeParser(resumableUpload.contentType, (_request, payload, done) => done(null, payload));
  const api = app.withTypeProvider<ZodTypeProvider>();
  const patchHeaders = z.looseObject({
    [offsetHeader]: wholeNumber,
    [lengthHeader]: wholeNumber.check(z.positive(), z.maximum(maxBlobBytes)),
    [resumableUpload.blobContentTypeHeader.toLowerCase()]: z.optional(z.enum(contentTypes as [string, ...string[]])),
  });

  api.head(
    '/api/blobs/:sha256/upload',
    {
      schema: {
        summary: 'How many bytes of your upload in progress the server holds: Upload-Offset and Upload-Length, no body',
        description: `200 with the headers while your upload of this blob is in progress, 404 when you have none (never started, completed or swept). ${ownUploadRule}`,
        tags: ['sync'],
        security: bearer,
        params,
      },
      onRequest,
    },
    async (request, reply) => {
      const upload = await repos.blobUploads.find(request.params.sha256, request.user!.id);
      if (!upload) throw new HttpError(404, errorCodes.notFound, `You have no upload of ${request.params.sha256} in progress`);
      return reply.code(200).header('cache-control', 'no-store').header(offsetHeader, upload.received).header(lengthHeader, upload.length).send();
    },
  );

  api.patch(
    '/api/blobs/:sha256/upload',
    {
      schema: {
        summary: 'Send a blob’s bytes from Upload-Offset, resumably: after a cut, ask HEAD and continue from its Upload-Offset',
        description:
          `Body ${resumableUpload.contentType}, the bytes from Upload-Offset on (all the rest, or fewer); Upload-Length is the whole blob's size (at most ${maxBlobBytes}), ` +
          'Upload-Content-Type its type (as for PUT; application/octet-stream when absent). Offset 0 starts an upload, refused with 413 when it would pass the quota ' +
          `of ${quotaBytes} bytes with your blobs and uploads in progress. Bytes are kept as they arrive, in parts of ${uploadPartBytes} bytes, also when the connection is cut. ` +
          '204 with Upload-Offset when the body ended before the blob did; when the last byte arrives the blob is checked against its SHA-256 and stored as PUT stores it: ' +
          '201 (created) or 200 (existing), or 400 when the bytes do not hash to the name (the upload is dropped: start again at offset 0). ' +
          '409 with Upload-Offset when Upload-Offset is not what the server holds (or Upload-Length differs from the upload in progress); ' +
          `404 when you have no upload in progress and Upload-Offset is not 0. ${ownUploadRule} Bytes count towards the upload rate as for PUT (429). ` +
          'Uploads that receive nothing for a day are removed.',
        tags: ['sync'],
        security: bearer,
        params,
        headers: patchHeaders,
        consumes: [resumableUpload.contentType],
        response: {
          200: z.object({ hash: z.string(), stored: z.literal('existing') }),
          201: z.object({ hash: z.string(), stored: z.literal('created') }),
          204: z.null(),
          400: errorBodySchema,
          401: errorBodySchema,
          403: errorBodySchema,
          404: errorBodySchema,
          409: errorBodySchema,
          413: errorBodySchema,
          429: errorBodySchema,
        },
      },
      onRequest,
    },
    async (request, reply) => {
      const user = request.user!;
      const hash = request.params.sha256;
      const offset = Number(request.headers[offsetHeader]);
      const length = Number(request.headers[lengthHeader]);
      const contentType = String(request.headers[resumableUpload.blobContentTypeHeader.toLowerCase()] ?? 'application/octet-stream');
      // A refusal before the body is read closes the connection, so the rest of the bytes are not sent in vain.
      const refuse = (error: HttpError) => {
        reply.header('connection', 'close');
        return error;
      };
      let upload = await repos.blobUploads.find(hash, user.id);
      if (!upload) {
        if (offset !== 0) throw refuse(new HttpError(404, errorCodes.notFound, `You have no upload of ${hash} in progress; start one at ${resumableUpload.offsetHeader} 0`));
        if ((await repos.blobs.bytesUploadedBy(user.id)) + (await repos.blobUploads.bytesInProgressBy(user.id)) + length > quotaBytes) {
          throw refuse(new HttpError(413, errorCodes.payloadTooLarge, `Upload quota reached: each user may store ${quotaBytes} bytes of blobs and uploads in progress`));
        }
        upload = await repos.blobUploads.start(hash, user.id, length, contentType);
      }
      if (upload.length !== length) {
        throw refuse(new HttpError(409, errorCodes.conflict, `Your upload of ${hash} in progress is ${upload.length} bytes long, not ${length}`));
      }
      if (upload.received !== offset) {
        reply.header(offsetHeader, upload.received);
        throw refuse(new HttpError(409, errorCodes.conflict, `The server holds ${upload.received} bytes of this upload, not ${offset}: continue from ${upload.received}`));
      }
      const declared = Number(request.headers['content-length'] ?? 0);
      if (offset + declared > length) throw refuse(new HttpError(400, errorCodes.invalidRequest, `${declared} bytes from offset ${offset} pass the blob's ${length} bytes`));

      let received = offset;
      let pending: Buffer[] = [];
      let pendingBytes = 0;
      const keepPending = async () => {
        if (pendingBytes === 0) return;
        const part = Buffer.concat(pending);
        pending = [];
        pendingBytes = 0;
        if (!(await repos.blobUploads.append(hash, user.id, received, part))) {
          throw new HttpError(409, errorCodes.conflict, 'Another request appended to this upload meanwhile; ask HEAD for the offset');
        }
        received += part.length;
        await countUploaded(user, part.length);
      };
      try {
        for await (const chunk of request.body as AsyncIterable<Buffer>) {
          if (received + pendingBytes + chunk.length > length) throw new HttpError(400, errorCodes.invalidRequest, `More bytes than ${resumableUpload.lengthHeader} ${length}`);
          pending.push(chunk);
          pendingBytes += chunk.length;
          if (pendingBytes >= uploadPartBytes) await keepPending();
        }
      } finally {
        // Also after a cut: the bytes that did arrive are kept for the next request.
        await keepPending();
      }
      if (received < length) return reply.code(204).header(offsetHeader, received).send(null);

      let stored: 'created' | 'existing';
      try {
        stored = await storeWhole(user, hash, await repos.blobUploads.assemble(hash, user.id), upload.contentType);
      } catch (error) {
        if (error instanceof HttpError) throw new HttpError(error.statusCode, error.code, `${error.message}; the upload is dropped, start again at ${resumableUpload.offsetHeader} 0`);
        throw error;
      } finally {
        await repos.blobUploads.drop(hash, user.id);
      }
      return stored === 'created' ? reply.code(201).send({ hash, stored }) : reply.code(200).send({ hash, stored });
    },
  );
}
