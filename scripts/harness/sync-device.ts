import { v7 as uuidv7 } from 'uuid';
import { createSyncApi, type SyncApi } from '../../src/app/api/sync';
import { appDatabase } from '../../src/app/db/database';
import { saveFinalised, type NewBlob } from '../../src/app/db/records';
import { sha256Hex } from '../../src/shared/hashing';
import type { FinalisedRecord } from '../../src/shared/records';
import { responseRecord, signatureRecord, visitRecord, type Author } from './records';

export async function signIn(baseUrl: string, username = 'demo-worker'): Promise<{ token: string; userId: string }> {
  const response = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'demo1234' }),
  });
  if (!response.ok) throw new Error(`sign-in failed: ${response.status}`);
  const body = (await response.json()) as { token: string; user: { id: string } };
  return { token: body.token, userId: body.user.id };
}

export function deviceApi(baseUrl: string, token: string): SyncApi {
  return createSyncApi({ baseUrl, token });
}

/** A signature image's stand-in: random bytes, addressed by their SHA-256. */
export function signatureBlob(size = 2048): NewBlob {
  const bytes = new Uint8Array(size);
  for (let i = 0; i < size; i += 65536) crypto.getRandomValues(bytes.subarray(i, Math.min(size, i + 65536)));
  return { hash: sha256Hex(bytes), blob: new Blob([bytes], { type: 'image/png' }) };
}

/** Finalises a visit, a response and its signature on the device, as the survey does, in one write. */
export async function recordSignedInterview(author: Author): Promise<{ records: FinalisedRecord[]; blob: NewBlob }> {
  const blob = signatureBlob();
  const response = responseRecord(author);
  const records = [visitRecord(author, { outcome: 'completed', responseId: response.id }), response, signatureRecord(author, response, blob.hash)];
  await saveFinalised(records, [blob]);
  return { records, blob };
}

export async function deviceRecordStates(): Promise<Record<string, number>> {
  const states: Record<string, number> = {};
  await appDatabase().records.each((record) => {
    states[record.syncState] = (states[record.syncState] ?? 0) + 1;
  });
  return states;
}

export const newId = uuidv7;
