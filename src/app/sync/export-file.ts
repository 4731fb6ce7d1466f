import { z } from 'zod/mini';
import { sha256Hex } from '../../shared/hashing';
import { finalisedRecordSchema, sha256Schema, type FinalisedRecord } from '../../shared/records';
import type { CodedError } from '../errors/codes';

/**
 * A file of everything a device has not sent, for a supervisor to import on the office machine
 * through the same idempotent push: importing it twice changes nothing.
 */
export const unsentFileSchema = z.object({
  format: z.literal('gulou-unsent-records'),
  version: z.literal(1),
  exportedAt: z.iso.datetime(),
  deviceId: z.string(),
  exportedBy: z.string(),
  records: z.array(finalisedRecordSchema),
  blobs: z.array(z.object({ hash: sha256Schema, type: z.string(), base64: z.string() })),
});
export type UnsentFile = z.infer<typeof unsentFileSchema>;

/** A file that cannot be imported; its message names the place, for the "详情" toggle. */
export class UnsentFileError extends Error implements CodedError {
  constructor(
    readonly code: 'file_not_json' | 'file_invalid' | 'file_damaged',
    message: string,
  ) {
    super(message);
    this.name = 'UnsentFileError';
  }
}

function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function base64ToBytes(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export async function buildUnsentFile(input: {
  records: FinalisedRecord[];
  blobs: Array<{ hash: string; blob: Blob }>;
  deviceId: string;
  exportedBy: string;
  now: Date;
}): Promise<UnsentFile> {
  const blobs = await Promise.all(
    input.blobs.map(async ({ hash, blob }) => ({ hash, type: blob.type, base64: bytesToBase64(new Uint8Array(await blob.arrayBuffer())) })),
  );
  return { format: 'gulou-unsent-records', version: 1, exportedAt: input.now.toISOString(), deviceId: input.deviceId, exportedBy: input.exportedBy, records: input.records, blobs };
}

/** Reads an export file; a damaged one is refused whole with the reason, before anything is sent. */
export function readUnsentFile(text: string): { file: UnsentFile; blobs: Array<{ hash: string; blob: Blob }> } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new UnsentFileError('file_not_json', 'The file is not an export of unsent records (not JSON).');
  }
  const parsed = unsentFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UnsentFileError('file_invalid', `The file is not a valid export of unsent records: ${issue?.path.join('.') || 'file'}: ${issue?.message ?? 'invalid'}`);
  }
  const blobs = parsed.data.blobs.map(({ hash, type, base64 }) => {
    const bytes = base64ToBytes(base64);
    if (sha256Hex(bytes) !== hash) throw new UnsentFileError('file_damaged', `The file is damaged: blob ${hash} does not match its hash.`);
    return { hash, blob: new Blob([bytes as Uint8Array<ArrayBuffer>], { type }) };
  });
  return { file: parsed.data, blobs };
}
