import { assignmentSchema, quotaSchema, type Assignment, type Quota } from '../../shared/assignments';
import type { ServerEntityKind } from '../../shared/sync';
import type { Database } from '../db/database';
import { inTransaction } from '../db/helpers';
import { createChangesRepository } from './changes';

export interface EntityScope {
  communityId?: string | null;
  subdistrictId?: string | null;
  userId?: string | null;
}

export interface Entity {
  kind: ServerEntityKind;
  id: string;
  data: Record<string, unknown>;
  scope: EntityScope;
}

/** Server-owned data that devices pull (questionnaires, assignments, quotas); every write is logged for pull. */
export function createEntitiesRepository(db: Database, now: () => Date) {
  return {
    async save(entities: readonly Entity[]): Promise<void> {
      if (entities.length === 0) return;
      const at = now();
      await inTransaction(db, async (trx) => {
        for (const entity of entities) {
          const row = {
            kind: entity.kind,
            id: entity.id,
            data: JSON.stringify(entity.data),
            community_id: entity.scope.communityId ?? null,
            subdistrict_id: entity.scope.subdistrictId ?? null,
            user_id: entity.scope.userId ?? null,
            updated_at: at.toISOString(),
            deleted_at: null,
          };
          await trx
            .insertInto('entities')
            .values(row)
            .onConflict((oc) => oc.columns(['kind', 'id']).doUpdateSet({ data: row.data, community_id: row.community_id, subdistrict_id: row.subdistrict_id, user_id: row.user_id, updated_at: row.updated_at, deleted_at: null }))
            .execute();
        }
        await createChangesRepository(trx).publish(
          entities.map((e) => ({ kind: e.kind, entityId: e.id, data: e.data, ...e.scope })),
          at,
        );
      });
    },

    /** Deletes an entity; devices receive a tombstone. */
    async remove(kind: ServerEntityKind, id: string): Promise<boolean> {
      const at = now();
      return inTransaction(db, async (trx) => {
        const row = await trx.selectFrom('entities').selectAll().where('kind', '=', kind).where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
        if (!row) return false;
        await trx.updateTable('entities').set({ deleted_at: at.toISOString() }).where('kind', '=', kind).where('id', '=', id).execute();
        await createChangesRepository(trx).publish([{ kind, entityId: id, data: null, communityId: row.community_id, subdistrictId: row.subdistrict_id, userId: row.user_id }], at);
        return true;
      });
    },

    /** The quotas of one round (small: communities × audiences). */
    async listQuotas(roundId: string): Promise<Quota[]> {
      const rows = await db.selectFrom('entities').select('data').where('kind', '=', 'quota').where('deleted_at', 'is', null).execute();
      return rows.map((row) => quotaSchema.parse(JSON.parse(row.data))).filter((quota) => quota.roundId === roundId);
    },

    /** The assignments of a community's doors (every round): who has which. */
    async listAssignments(communityId: string): Promise<Assignment[]> {
      const rows = await db.selectFrom('entities').select('data').where('kind', '=', 'assignment').where('community_id', '=', communityId).where('deleted_at', 'is', null).execute();
      return rows.map((row) => assignmentSchema.parse(JSON.parse(row.data)));
    },

    async get(kind: ServerEntityKind, id: string): Promise<Record<string, unknown> | undefined> {
      const row = await db.selectFrom('entities').select('data').where('kind', '=', kind).where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
      return row && (JSON.parse(row.data) as Record<string, unknown>);
    },
  };
}
export type EntitiesRepository = ReturnType<typeof createEntitiesRepository>;
