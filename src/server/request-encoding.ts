import { createGunzip } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { errorCodes } from '../shared/errors';
import { HttpError } from './http-error';

/**
 * Request bodies may come gzip-compressed (`Content-Encoding: gzip`), which a push over a weak
 * signal needs: JSON records shrink several times. Each route's body limit applies to the bytes
 * after decompression (Fastify counts what the parser reads), so a small body that inflates past
 * it — a zip bomb — is refused with 413 as soon as the limit is crossed, never held whole.
 * Runs after `onRequest`, so nothing is inflated before the token is checked.
 */
export function installRequestDecompression(app: FastifyInstance): void {
  app.addHook('preParsing', async (request, _reply, payload) => {
    const encoding = request.headers['content-encoding']?.trim().toLowerCase();
    if (!encoding || encoding === 'identity') return payload;
    if (encoding !== 'gzip') throw new HttpError(415, errorCodes.invalidRequest, `Content-Encoding ${encoding} is not accepted; send gzip or none`);
    const inflated = createGunzip();
    // The compressed bytes received, which Fastify checks against Content-Length.
    Object.defineProperty(inflated, 'receivedEncodedLength', { get: () => inflated.bytesWritten });
    payload.on('error', (error) => inflated.destroy(error));
    payload.pipe(inflated);
    return inflated;
  });
}
