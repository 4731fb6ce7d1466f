import { v7 as uuidv7 } from 'uuid';
import type { RegisterRow } from '../../shared/households';
import type { Database } from '../db/database';
import { inTransaction } from '../db/helpers';

export interface RegisteredHousehold extends RegisterRow {
  id: string;
}

/** Rows per insert: 6 columns each stays far below SQLite's bound-parameter limit. */
const insertChunk = 1000;

/** A door's identity in the register. */
export function addressKey(row: RegisterRow): string {
  return [row.communityId, row.building, row.unit, row.room].join('\u0001');
}

/** The household register: doors per community, imported by the office. */
export function createHouseholdsRepository(db: Database, now: () => Date) {
  return {
    /** The address keys already registered in these communities. */
    async registeredKeys(communityIds: readonly string[]): Promise<Set<string>> {
      const keys = new Set<string>();
      if (communityIds.length === 0) return keys;
      const rows = await db.selectFrom('households').select(['community_id', 'building', 'unit', 'room']).where('community_id', 'in', [...communityIds]).execute();
      for (const row of rows) keys.add(addressKey({ communityId: row.community_id, building: row.building, unit: row.unit, room: row.room }));
      return keys;
    },

    /** Adds doors in one transaction; a door registered meanwhile is left as it is. */
    async insert(rows: readonly RegisterRow[]): Promise<number> {
      const at = now().toISOString();
      return inTransaction(db, async (trx) => {
        let inserted = 0;
        for (let start = 0; start < rows.length; start += insertChunk) {
          const values = rows.slice(start, start + insertChunk).map((row) => ({ id: uuidv7(), community_id: row.communityId, building: row.building, unit: row.unit, room: row.room, created_at: at }));
          const result = await trx.insertInto('households').values(values).onConflict((oc) => oc.columns(['community_id', 'building', 'unit', 'room']).doNothing()).executeTakeFirst();
          inserted += Number(result.numInsertedOrUpdatedRows ?? 0);
        }
        return inserted;
      });
    },

    async inBuilding(communityId: string, building: string): Promise<RegisteredHousehold[]> {
      const rows = await db.selectFrom('households').selectAll().where('community_id', '=', communityId).where('building', '=', building).orderBy('unit').orderBy('room').execute();
      return rows.map((row) => ({ id: row.id, communityId: row.community_id, building: row.building, unit: row.unit, room: row.room }));
    },
  };
}
export type HouseholdsRepository = ReturnType<typeof createHouseholdsRepository>;
