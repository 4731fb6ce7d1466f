import type { Community, Round, Subdistrict } from '../../shared/organisation';
import type { Database } from '../db/database';

export function createOrganisationRepository(db: Database) {
  return {
    async insertSubdistricts(subdistricts: readonly Subdistrict[]): Promise<void> {
      if (subdistricts.length === 0) return;
      await db
        .insertInto('subdistricts')
        .values(subdistricts.map((s) => ({ id: s.id, name_zh: s.nameZh, name_en: s.nameEn })))
        .execute();
    },

    async insertCommunities(communities: readonly Community[]): Promise<void> {
      if (communities.length === 0) return;
      await db
        .insertInto('communities')
        .values(communities.map((c) => ({ id: c.id, subdistrict_id: c.subdistrictId, name_zh: c.nameZh, name_en: c.nameEn })))
        .execute();
    },

    async listSubdistricts(): Promise<Subdistrict[]> {
      const rows = await db.selectFrom('subdistricts').selectAll().orderBy('id').execute();
      return rows.map((r) => ({ id: r.id, nameZh: r.name_zh, nameEn: r.name_en }));
    },

    async listCommunities(): Promise<Community[]> {
      const rows = await db.selectFrom('communities').selectAll().orderBy('id').execute();
      return rows.map((r) => ({ id: r.id, subdistrictId: r.subdistrict_id, nameZh: r.name_zh, nameEn: r.name_en }));
    },

    async listRounds(): Promise<Round[]> {
      const rows = await db.selectFrom('rounds').selectAll().orderBy('id').execute();
      return rows.map((r) => ({ id: r.id, startsOn: r.starts_on, endsOn: r.ends_on }));
    },
  };
}
export type OrganisationRepository = ReturnType<typeof createOrganisationRepository>;
