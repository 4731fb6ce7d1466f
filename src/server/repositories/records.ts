import { v7 as uuidv7 } from 'uuid';
import type { SessionUser } from '../../shared/auth';
import { validateRecord, type DeviceRecordKind, type FinalisedRecord } from '../../shared/records';
import type { Role } from '../../shared/roles';
import type { PushRequest, PushResult } from '../../shared/sync';
import type { Database } from '../db/database';
import type { RecordConflictsTable, RecordsTable } from '../db/schema';
import { appendChanges, lockChangeLog, type NewChange } from './changes';

/** Which record kinds each role may push; office roles import exported files on behalf of others. */
const pushableKinds: Readonly<Record<Role, readonly DeviceRecordKind[] | 'all'>> = {
  grid_worker: ['household', 'visit', 'response', 'signature'],
  legal_adviser: ['deliberation', 'signature'],
  subdistrict_officer: [],
  supervisor: 'all',
  admin: 'all',
};

/** Roles whose records must be their own work, in their own communities. */
const fieldRoles: readonly Role[] = ['grid_worker', 'legal_adviser'];

const chunkSize = 400;

function chunks<T>(items: readonly T[], size = chunkSize): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += size) result.push(items.slice(i, i + size));
  return result;
}

/** Rows for many keys, queried a chunk at a time to stay within bound-parameter limits. */
async function selectInChunks<K, R>(keys: readonly K[], select: (part: K[]) => Promise<R[]>): Promise<R[]> {
  const rows: R[] = [];
  for (const part of chunks(keys)) rows.push(...(await select(part)));
  return rows;
}

/** Checks that need no database: shape, hash and the pusher's rights. */
function precheck(user: SessionUser, record: FinalisedRecord): string | undefined {
  const allowed = pushableKinds[user.role];
  if (allowed !== 'all' && !allowed.includes(record.kind)) return `kind: the role ${user.role} may not push ${record.kind} records`;
  const invalid = validateRecord(record);
  if (invalid) return invalid;
  if (fieldRoles.includes(user.role)) {
    if (record.data.authorId !== user.id) return 'data.authorId: a field worker may push only records they made';
    if (!user.scope.ids.includes(String(record.data.communityId))) return `data.communityId: ${String(record.data.communityId)} is outside your communities`;
  }
  return undefined;
}

export function createRecordsRepository(db: Database, now: () => Date) {
  return {
    /**
     * Applies one batch in one transaction. Each id is stored once: a resend with the same hash is a
     * `duplicate`, a different hash a `conflict` kept beside the first version, which is never overwritten.
     */
    async push(user: SessionUser, request: PushRequest): Promise<PushResult[]> {
      const prechecked = request.records.map((record) => ({ record, error: precheck(user, record) }));
      const valid = prechecked.filter((p) => !p.error).map((p) => p.record);
      const receivedAt = now();

      return db.transaction().execute(async (trx) => {
        await lockChangeLog(trx);
        const ids = [...new Set(valid.map((r) => r.id))];
        const communityIds = [...new Set(valid.map((r) => String(r.data.communityId)))];
        const blobHashes = [...new Set(valid.flatMap((r) => (r.kind === 'signature' && typeof r.data.blobHash === 'string' ? [r.data.blobHash] : [])))];

        const storedHash = new Map(
          (await selectInChunks(ids, (part) => trx.selectFrom('records').select(['id', 'hash']).where('id', 'in', part).execute())).map((r) => [r.id, r.hash]),
        );
        const knownConflicts = new Set(
          (await selectInChunks(ids, (part) => trx.selectFrom('record_conflicts').select(['record_id', 'hash']).where('record_id', 'in', part).execute())).map(
            (r) => `${r.record_id}:${r.hash}`,
          ),
        );
        const knownCommunities = new Set(
          (await selectInChunks(communityIds, (part) => trx.selectFrom('communities').select('id').where('id', 'in', part).execute())).map((r) => r.id),
        );
        const knownBlobs = new Set(
          (await selectInChunks(blobHashes, (part) => trx.selectFrom('blobs').select('hash').where('hash', 'in', part).execute())).map((r) => r.hash),
        );

        const receivedIso = receivedAt.toISOString();
        const newRecords: RecordsTable[] = [];
        const newConflicts: RecordConflictsTable[] = [];
        const changes: NewChange[] = [];

        const results = prechecked.map(({ record, error }): PushResult => {
          if (error) return { id: record.id, status: 'rejected', code: 'invalid', error };
          const communityId = String(record.data.communityId);
          if (!knownCommunities.has(communityId)) return { id: record.id, status: 'rejected', code: 'invalid', error: `data.communityId: unknown community ${communityId}` };
          const blobHash = record.kind === 'signature' ? record.data.blobHash : undefined;
          if (typeof blobHash === 'string' && !knownBlobs.has(blobHash)) return { id: record.id, status: 'rejected', code: 'missing_blob', blobHash, error: `missing blob ${blobHash}: upload it first` };

          const existing = storedHash.get(record.id);
          if (existing === record.hash) return { id: record.id, status: 'duplicate' };
          const data = JSON.stringify(record.data);
          if (existing !== undefined) {
            const key = `${record.id}:${record.hash}`;
            if (!knownConflicts.has(key)) {
              knownConflicts.add(key);
              newConflicts.push({ id: uuidv7(), record_id: record.id, hash: record.hash, schema_version: record.schemaVersion, data, pushed_by: user.id, device_id: request.deviceId, batch_id: request.batchId, received_at: receivedIso });
            }
            return { id: record.id, status: 'conflict', error: 'another version of this record is already stored; both are kept for a supervisor' };
          }
          storedHash.set(record.id, record.hash);
          const authorId = String(record.data.authorId);
          newRecords.push({
            id: record.id,
            kind: record.kind,
            schema_version: record.schemaVersion,
            hash: record.hash,
            data,
            community_id: communityId,
            author_id: authorId,
            device_id: String(record.data.deviceId),
            pushed_by: user.id,
            batch_id: request.batchId,
            received_at: receivedIso,
          });
          // The record itself stays in `records`; pull joins it (see ChangesRepository.pull).
          changes.push({ kind: record.kind, entityId: record.id, data: null, deleted: false, communityId, userId: authorId });
          return { id: record.id, status: 'accepted' };
        });

        // 11 columns × 500 rows stays under both databases' limits on bound parameters.
        for (const part of chunks(newRecords, 500)) await trx.insertInto('records').values(part).execute();
        for (const part of chunks(newConflicts, 500)) await trx.insertInto('record_conflicts').values(part).execute();
        await appendChanges(trx, changes, receivedAt);
        return results;
      });
    },

    async count(): Promise<number> {
      const { n } = await db.selectFrom('records').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      return Number(n);
    },
  };
}
export type RecordsRepository = ReturnType<typeof createRecordsRepository>;
