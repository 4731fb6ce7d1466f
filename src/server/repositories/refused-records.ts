import { v7 as uuidv7 } from 'uuid';
import type { SessionUser } from '../../shared/auth';
import { sha256Hex } from '../../shared/hashing';
import { deviceRecordKindSchema, sha256Schema } from '../../shared/records';
import { maxRefusalPayloadChars } from '../../shared/refusals';
import type { PushResult } from '../../shared/sync';
import type { Database } from '../db/database';
import type { RefusedRecordsTable } from '../db/schema';

/** Codes that mean "resend later" (the device keeps the record pending): not a refusal to deal with. */
const transientCodes = new Set(['missing_blob', 'missing_record']);

const encoder = new TextEncoder();

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** What a refusal row can say about its record, read defensively: the payload may be anything. */
function describe(raw: unknown): Pick<RefusedRecordsTable, 'kind' | 'schema_version' | 'record_hash' | 'community_id'> {
  const record = isPlainObject(raw) ? raw : {};
  const data = isPlainObject(record.data) ? record.data : {};
  const kind = deviceRecordKindSchema.safeParse(record.kind);
  const hash = sha256Schema.safeParse(record.hash);
  return {
    kind: kind.success ? kind.data : null,
    schema_version: Number.isSafeInteger(record.schemaVersion) ? (record.schemaVersion as number) : null,
    record_hash: hash.success ? hash.data : null,
    community_id: typeof data.communityId === 'string' ? data.communityId.slice(0, 100) : null,
  };
}

/** A refused record's scope: its community's sub-district, else the pusher's if they work in one. */
async function subdistrictsOf(trx: Database, user: SessionUser, communityIds: readonly string[]): Promise<{ byCommunity: Map<string, string>; pusher: string | null }> {
  const named = [...new Set([...communityIds, ...(user.scope.level === 'community' ? user.scope.ids : [])])];
  const rows = named.length > 0 ? await trx.selectFrom('communities').select(['id', 'subdistrict_id']).where('id', 'in', named).execute() : [];
  const byCommunity = new Map(rows.map((row) => [row.id, row.subdistrict_id]));
  const own = user.scope.level === 'community' ? [...new Set(user.scope.ids.flatMap((id) => byCommunity.get(id) ?? []))] : user.scope.level === 'subdistrict' ? user.scope.ids : [];
  return { byCommunity, pusher: own.length === 1 ? own[0]! : null };
}

export interface RefusedInBatch {
  result: PushResult;
  /** The record as the device sent it. */
  raw: unknown;
}

/**
 * Keeps each refused record and conflicting version of a batch, append-only, inside the push's
 * transaction. The same payload refused again for the same reason is kept once;
 * a record refused only until its blob or signed record arrives is not kept.
 */
export async function keepRefusedRecords(trx: Database, user: SessionUser, batch: { deviceId: string; batchId: string }, refused: readonly RefusedInBatch[], receivedAt: string): Promise<void> {
  const kept = refused.filter(({ result }) => result.status === 'conflict' || (result.status === 'rejected' && !transientCodes.has(result.code ?? '')));
  if (kept.length === 0) return;
  const described = kept.map(({ raw }) => describe(raw));
  const scope = await subdistrictsOf(trx, user, described.flatMap((d) => (d.community_id === null ? [] : [d.community_id])));
  const rows: RefusedRecordsTable[] = kept.map(({ result, raw }, i) => {
    const payload = JSON.stringify(raw) ?? 'null';
    const { community_id, ...rest } = described[i]!;
    return {
      id: uuidv7(),
      status: result.status === 'conflict' ? 'conflict' : 'rejected',
      record_id: result.id,
      ...rest,
      code: result.code ?? null,
      message: (result.error ?? result.status).slice(0, 2000),
      payload: payload.length <= maxRefusalPayloadChars ? payload : null,
      payload_chars: payload.length,
      payload_hash: sha256Hex(encoder.encode(payload)),
      pushed_by: user.id,
      device_id: batch.deviceId,
      batch_id: batch.batchId,
      community_id,
      subdistrict_id: (community_id === null ? undefined : scope.byCommunity.get(community_id)) ?? scope.pusher,
      received_at: receivedAt,
    };
  });
  for (let i = 0; i < rows.length; i += 500) {
    await trx
      .insertInto('refused_records')
      .values(rows.slice(i, i + 500))
      .onConflict((oc) => oc.columns(['pushed_by', 'record_id', 'payload_hash', 'status']).doNothing())
      .execute();
  }
}
