import type { FastifyInstance } from 'fastify';
import { v7 as uuidv7 } from 'uuid';
import { sha256Hex } from '../../src/shared/hashing';
import { responseRecord, signatureRecord, type Author } from './records';

async function pushOne(app: FastifyInstance, token: string, record: ReturnType<typeof responseRecord>): Promise<void> {
  const pushed = await app.inject({
    method: 'POST',
    url: '/api/sync/push',
    headers: { authorization: `Bearer ${token}` },
    payload: { deviceId: 'device-a', batchId: uuidv7(), records: [record] },
  });
  const status = pushed.json<{ results?: Array<{ status: string }> }>().results?.[0]?.status;
  if (status !== 'accepted') throw new Error(`push of a ${record.kind} record was ${status ?? pushed.body}`);
}

/**
 * Uploads `image` and pushes a response signed with it, as `author`: the blob is then referenced by
 * a signature record in the author's community. Answers the blob's hash.
 */
export async function pushSignedResponse(app: FastifyInstance, token: string, author: Author, image: Buffer): Promise<string> {
  const hash = sha256Hex(image);
  const put = await app.inject({ method: 'PUT', url: `/api/blobs/${hash}`, headers: { authorization: `Bearer ${token}`, 'content-type': 'image/png' }, payload: image });
  if (put.statusCode !== 201 && put.statusCode !== 200) throw new Error(`blob upload answered ${put.statusCode}: ${put.body}`);
  const response = responseRecord(author);
  await pushOne(app, token, response);
  await pushOne(app, token, signatureRecord(author, response, hash));
  return hash;
}
