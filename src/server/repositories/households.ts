import { sql } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { RegisterRow } from '../../shared/households';
import type { Database } from '../db/database';
import { inTransaction, isPostgres } from '../db/helpers';

export interface RegisteredHousehold extends RegisterRow {
  id: string;
}

/**
 * Doors per statement: the whole batch travels as one JSON parameter (SQLite's json_each,
 * PostgreSQL's jsonb_array_elements), so the database parses it instead of Kysely building a
 * six-parameter row per door; 10,000 keeps each parameter a few hundred kilobytes.
 */
const insertChunk = 10_000;

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
      const postgres = isPostgres(db);
      return inTransaction(db, async (trx) => {
        let inserted = 0;
        for (let start = 0; start < rows.length; start += insertChunk) {
          const doors = JSON.stringify(rows.slice(start, start + insertChunk).map((row) => [uuidv7(), row.communityId, row.building, row.unit, row.room]));
          const fromDoors = postgres
            ? sql`select d->>0, d->>1, d->>2, d->>3, d->>4, ${at} from jsonb_array_elements(${doors}::jsonb) as d`
            : // "where true": SQLite's upsert after a select needs it to parse the on conflict clause.
              sql`select value->>0, value->>1, value->>2, value->>3, value->>4, ${at} from json_each(${doors}) where true`;
          const result = await sql`insert into households (id, community_id, building, unit, room, created_at) ${fromDoors} on conflict (community_id, building, unit, room) do nothing`.execute(trx);
          inserted += Number(result.numAffectedRows ?? 0);
        }
        return inserted;
      });
    },

    /** A community's doors, or one building's, or the listed ones, in address order. */
    async inCommunity(communityId: string, only: { building?: string; ids?: readonly string[] } = {}): Promise<RegisteredHousehold[]> {
      let query = db.selectFrom('households').selectAll().where('community_id', '=', communityId);
      if (only.building !== undefined) query = query.where('building', '=', only.building);
      if (only.ids !== undefined) query = query.where('id', 'in', only.ids.length > 0 ? [...only.ids] : ['']);
      const rows = await query.orderBy('building').orderBy('unit').orderBy('room').execute();
      return rows.map((row) => ({ id: row.id, communityId: row.community_id, building: row.building, unit: row.unit, room: row.room }));
    },
  };
}
export type HouseholdsRepository = ReturnType<typeof createHouseholdsRepository>;
