import type { FinalisedRecord } from '../../shared/records';
import type { Database } from '../db/database';

/** A stored record with where it was made: the office reads sessions per community and sub-district. */
export interface PlacedRecord {
  record: FinalisedRecord;
  communityId: string;
  subdistrictId: string;
}

/**
 * Deliberation sessions, their follow-ups and signatures as stored by the sync push. The office
 * reads them by community; the rules (scope, standings, counts) live in the route and src/shared.
 */
export function createDeliberationRepository(db: Database) {
  const placed = (kinds: readonly string[], scope: { subdistrictIds?: readonly string[] | undefined; communityId?: string | undefined; id?: string }) => {
    let query = db
      .selectFrom('records')
      .innerJoin('communities', 'communities.id', 'records.community_id')
      .select(['records.id', 'records.kind', 'records.schema_version', 'records.hash', 'records.data', 'records.community_id', 'communities.subdistrict_id'])
      .where('records.kind', 'in', [...kinds]);
    if (scope.subdistrictIds) query = query.where('communities.subdistrict_id', 'in', [...scope.subdistrictIds]);
    if (scope.communityId) query = query.where('records.community_id', '=', scope.communityId);
    if (scope.id) query = query.where('records.id', '=', scope.id);
    return query.execute().then((rows) =>
      rows.map(
        (row): PlacedRecord => ({
          record: { id: row.id, kind: row.kind as FinalisedRecord['kind'], schemaVersion: row.schema_version, hash: row.hash, data: JSON.parse(row.data) as Record<string, unknown> },
          communityId: row.community_id,
          subdistrictId: row.subdistrict_id,
        }),
      ),
    );
  };

  return {
    /** Sessions and follow-up reports in the sub-districts given (all when undefined). */
    async sessionsAndReports(subdistrictIds: readonly string[] | undefined): Promise<{ sessions: PlacedRecord[]; reports: PlacedRecord[] }> {
      if (subdistrictIds?.length === 0) return { sessions: [], reports: [] };
      const rows = await placed(['deliberation', 'deliberation_follow_up'], { subdistrictIds });
      return { sessions: rows.filter((row) => row.record.kind === 'deliberation'), reports: rows.filter((row) => row.record.kind === 'deliberation_follow_up') };
    },

    /** Signature records of the given communities (sessions' and responses' alike: the caller matches). */
    async signaturesIn(communityIds: readonly string[]): Promise<FinalisedRecord[]> {
      if (communityIds.length === 0) return [];
      const rows = await db.selectFrom('records').select(['id', 'kind', 'schema_version', 'hash', 'data']).where('kind', '=', 'signature').where('community_id', 'in', [...communityIds]).execute();
      return rows.map((row) => ({ id: row.id, kind: 'signature', schemaVersion: row.schema_version, hash: row.hash, data: JSON.parse(row.data) as Record<string, unknown> }));
    },

    /** One session with the signatures and reports of its community that name it. */
    async session(id: string): Promise<{ session: PlacedRecord; signatures: FinalisedRecord[]; reports: FinalisedRecord[] } | undefined> {
      const [found] = await placed(['deliberation'], { id });
      if (!found) return undefined;
      const related = await placed(['signature', 'deliberation_follow_up'], { communityId: found.communityId });
      const names = (row: PlacedRecord) => row.record.data.signedRecordId === id || row.record.data.sessionId === id;
      const mine = related.filter(names).map((row) => row.record);
      return { session: found, signatures: mine.filter((record) => record.kind === 'signature'), reports: mine.filter((record) => record.kind === 'deliberation_follow_up') };
    },
  };
}
export type DeliberationRepository = ReturnType<typeof createDeliberationRepository>;
