import { sql } from 'kysely';
import type { SessionUser } from '../../shared/auth';
import type { Change } from '../../shared/sync';
import type { Database } from '../db/database';
import { isPostgres } from '../db/helpers';

export interface NewChange {
  kind: string;
  entityId: string;
  /** The entity after the change; null with `deleted` for a tombstone, or for a device record (kept in `records`). */
  data: Record<string, unknown> | null;
  deleted?: boolean;
  communityId?: string | null;
  subdistrictId?: string | null;
  /** Only this user may pull the change. */
  userId?: string | null;
}

/** 10 columns × 1,000 rows stays under both databases' limits on bound parameters. */
const insertChunk = 1000;

/**
 * Commit order on PostgreSQL: sequence values are taken in one order and transactions commit in
 * another, so a pull reading by `seq` alone could return seq 12 before seq 11 commits and skip 11
 * forever. Each change therefore carries its transaction id (`txid`), pulls page in (txid, seq)
 * order and serve only changes of transactions older than the oldest one still in progress (the
 * snapshot horizon): every transaction that can still commit has a larger txid, so it sorts after
 * every change already served. Writers never wait for one another. On SQLite the single writer
 * commits in seq order and txid stays 0.
 */
const currentTransactionId = sql<number>`pg_current_xact_id()::text::bigint`;
const snapshotHorizon = sql<number>`pg_snapshot_xmin(pg_current_snapshot())::text::bigint`;

/** The communities and sub-districts a user's scope reaches; undefined means the whole district. */
async function scopeUnits(db: Database, user: SessionUser): Promise<{ communities: string[]; subdistricts: string[] } | undefined> {
  const { level, ids } = user.scope;
  if (level === 'district') return undefined;
  // A department has no communities: it pulls district-wide data and what is addressed to it.
  if (level === 'department') return { communities: [], subdistricts: [] };
  if (level === 'subdistrict') {
    const rows = await db.selectFrom('communities').select('id').where('subdistrict_id', 'in', ids).execute();
    return { communities: rows.map((r) => r.id), subdistricts: ids };
  }
  const rows = await db.selectFrom('communities').select('subdistrict_id').distinct().where('id', 'in', ids).execute();
  return { communities: ids, subdistricts: rows.map((r) => r.subdistrict_id) };
}

interface ChangeRow {
  kind: string;
  entity_id: string;
  data: string | null;
  deleted: number;
  record_schema_version: number | null;
  record_hash: string | null;
  record_data: string | null;
}

/** A server entity's snapshot, or a device record rebuilt from `records` as it was pushed. */
function changeData(row: ChangeRow): Record<string, unknown> | null {
  if (row.data !== null) return JSON.parse(row.data) as Record<string, unknown>;
  if (row.deleted === 1 || row.record_data === null) return null;
  return { id: row.entity_id, kind: row.kind, schemaVersion: row.record_schema_version, hash: row.record_hash, data: JSON.parse(row.record_data) };
}

export function createChangesRepository(db: Database) {
  return {
    /**
     * Publishes changes for devices to pull: the one way to write the change log. Call it inside the
     * transaction that makes the changes, so that they become visible together.
     */
    async publish(changes: readonly NewChange[], at: Date): Promise<void> {
      if (changes.length === 0) return;
      const changedAt = at.toISOString();
      const txid = isPostgres(db) ? currentTransactionId : 0;
      const rows = changes.map((change) => ({
        kind: change.kind,
        entity_id: change.entityId,
        data: change.data === null ? null : JSON.stringify(change.data),
        deleted: (change.deleted ?? change.data === null) ? 1 : 0,
        community_id: change.communityId ?? null,
        subdistrict_id: change.subdistrictId ?? null,
        user_id: change.userId ?? null,
        changed_at: changedAt,
        txid,
      }));
      for (let i = 0; i < rows.length; i += insertChunk) {
        await db.insertInto('changes').values(rows.slice(i, i + insertChunk)).execute();
      }
    },

    /** Changes after `checkpoint` that `user` may see, in commit order (txid, seq); one more than `limit` tells hasMore. */
    async pull(user: SessionUser, checkpoint: number, limit: number): Promise<{ changes: Change[]; checkpoint: number; hasMore: boolean }> {
      const units = await scopeUnits(db, user);
      // The checkpoint names the last change served; continue after its (txid, seq) position.
      const from = checkpoint > 0 ? await db.selectFrom('changes').select('txid').where('seq', '=', checkpoint).executeTakeFirst() : undefined;
      const fromTxid = from?.txid ?? 0;
      let query = db
        .selectFrom('changes')
        .leftJoin('records', (join) => join.onRef('records.id', '=', 'changes.entity_id').on('changes.deleted', '=', 0).on('changes.data', 'is', null))
        .select([
          'changes.seq',
          'changes.kind',
          'changes.entity_id',
          'changes.data',
          'changes.deleted',
          'records.schema_version as record_schema_version',
          'records.hash as record_hash',
          'records.data as record_data',
        ])
        .where(sql<boolean>`(changes.txid, changes.seq) > (${fromTxid}, ${checkpoint})`)
        .where((eb) => eb.or([eb('changes.user_id', 'is', null), eb('changes.user_id', '=', user.id)]));
      if (units) {
        const { communities, subdistricts } = units;
        query = query.where((eb) =>
          eb.or([
            ...(communities.length > 0 ? [eb('changes.community_id', 'in', communities)] : []),
            eb.and([
              eb('changes.community_id', 'is', null),
              eb.or([eb('changes.subdistrict_id', 'is', null), ...(subdistricts.length > 0 ? [eb('changes.subdistrict_id', 'in', subdistricts)] : [])]),
            ]),
          ]),
        );
      }
      if (isPostgres(db)) query = query.where('changes.txid', '<', snapshotHorizon);
      const rows = await query.orderBy('changes.txid').orderBy('changes.seq').limit(limit + 1).execute();
      const page = rows.slice(0, limit);
      return {
        changes: page.map((row) => ({
          seq: Number(row.seq),
          kind: row.kind,
          id: row.entity_id,
          data: changeData(row),
          deleted: row.deleted === 1,
        })),
        checkpoint: page.length > 0 ? Number(page[page.length - 1]!.seq) : checkpoint,
        hasMore: rows.length > limit,
      };
    },
  };
}
export type ChangesRepository = ReturnType<typeof createChangesRepository>;
