import type { Selectable } from 'kysely';
import { clashMessage, communityClashes, type EditedCommunity, type EditedSubdistrict, type OrganisationDepartment } from '../../shared/organisation-editing';
import type { Community, Round, Subdistrict } from '../../shared/organisation';
import { newestFirst } from '../../shared/rounds/order';
import type { Database } from '../db/database';
import { inTransaction } from '../db/helpers';
import type { CommunitiesTable, SubdistrictsTable } from '../db/schema';
import { createAuditRepository } from './audit';
import { createChangesRepository, type NewChange } from './changes';

export type UnitSaveOutcome<T> = { ok: true; before: T | undefined; after: T } | { ok: false; code: 'conflict' | 'invalid'; message: string };

function subdistrictOf(row: Selectable<SubdistrictsTable>): EditedSubdistrict {
  return { id: row.id, nameZh: row.name_zh, nameEn: row.name_en, code: row.code ?? '', active: row.active === 1 };
}

function communityOf(row: Selectable<CommunitiesTable>): EditedCommunity {
  return { id: row.id, subdistrictId: row.subdistrict_id, nameZh: row.name_zh, nameEn: row.name_en, code: row.code ?? '', active: row.active === 1 };
}

/** What devices receive: the unit without an empty code. */
function pulledUnit<T extends { code: string }>(unit: T): Omit<T, 'code'> & { code?: string } {
  const { code, ...rest } = unit;
  return code === '' ? rest : { ...rest, code };
}

function subdistrictChange(subdistrict: EditedSubdistrict): NewChange {
  return { kind: 'subdistrict', entityId: subdistrict.id, data: pulledUnit(subdistrict), subdistrictId: subdistrict.id };
}

function communityChange(community: EditedCommunity): NewChange {
  return { kind: 'community', entityId: community.id, data: pulledUnit(community), communityId: community.id, subdistrictId: community.subdistrictId };
}

/**
 * The organisation: sub-districts, communities and the departments' active flag. Every edit of a
 * unit publishes its new snapshot to the change log, so that devices holding it receive it on the
 * next pull, and is audited in the same transaction.
 */
export function createOrganisationRepository(db: Database, now: () => Date) {
  async function readCommunities(trx: Database): Promise<EditedCommunity[]> {
    return (await trx.selectFrom('communities').selectAll().orderBy('id').execute()).map(communityOf);
  }

  /** Writes communities that exist; codes first cleared, so that two communities may swap theirs. */
  async function updateCommunities(trx: Database, communities: readonly EditedCommunity[]): Promise<void> {
    const ids = communities.map((c) => c.id);
    if (ids.length > 0) await trx.updateTable('communities').set({ code: null }).where('id', 'in', ids).execute();
    for (const c of communities) {
      await trx.updateTable('communities').set({ name_zh: c.nameZh, name_en: c.nameEn, code: c.code === '' ? null : c.code, active: c.active ? 1 : 0 }).where('id', '=', c.id).execute();
    }
  }

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
      return rows.map((row) => pulledUnit(subdistrictOf(row)));
    },

    async listCommunities(): Promise<Community[]> {
      return (await readCommunities(db)).map(pulledUnit);
    },

    async listRounds(): Promise<Round[]> {
      const rows = await db.selectFrom('rounds').selectAll().execute();
      return newestFirst(rows.map((r) => ({ id: r.id, startsOn: r.starts_on, endsOn: r.ends_on })));
    },

    /** The district's departments with their active flag, for the organisation page and scope editors. */
    async listDepartments(): Promise<OrganisationDepartment[]> {
      const rows = await db.selectFrom('departments').selectAll().orderBy('id').execute();
      return rows.map((row) => ({ id: row.id, nameZh: row.name_zh, nameEn: row.name_en, synthetic: row.synthetic === 1, active: row.active === 1 }));
    },

    /** Adds or edits a sub-district; a code another one holds is a conflict. */
    async saveSubdistrict(subdistrict: EditedSubdistrict, by: string): Promise<UnitSaveOutcome<EditedSubdistrict>> {
      return inTransaction(db, async (trx) => {
        const rows = (await trx.selectFrom('subdistricts').selectAll().execute()).map(subdistrictOf);
        const before = rows.find((s) => s.id === subdistrict.id);
        const clash = rows.find((s) => s.id !== subdistrict.id && ((subdistrict.code !== '' && s.code === subdistrict.code) || s.nameZh === subdistrict.nameZh));
        if (clash) return { ok: false, code: 'conflict', message: `${clash.code === subdistrict.code ? `code: ${subdistrict.code}` : `nameZh: ${subdistrict.nameZh}`} is already used by ${clash.id}` };
        const row = { name_zh: subdistrict.nameZh, name_en: subdistrict.nameEn, code: subdistrict.code === '' ? null : subdistrict.code, active: subdistrict.active ? 1 : 0 };
        await trx.insertInto('subdistricts').values({ id: subdistrict.id, ...row }).onConflict((oc) => oc.column('id').doUpdateSet(row)).execute();
        await createChangesRepository(trx).publish([subdistrictChange(subdistrict)], now());
        await createAuditRepository(trx, now).record(by, 'organisation.subdistrict.save', { subdistrictId: subdistrict.id, before: before ?? null, after: subdistrict });
        return { ok: true, before, after: subdistrict };
      });
    },

    /** Adds or edits a community. It stays in its sub-district: scores and cases name the two together. */
    async saveCommunity(community: EditedCommunity, by: string): Promise<UnitSaveOutcome<EditedCommunity>> {
      return inTransaction(db, async (trx) => {
        const current = await readCommunities(trx);
        const before = current.find((c) => c.id === community.id);
        if (before && before.subdistrictId !== community.subdistrictId) return { ok: false, code: 'conflict', message: `subdistrictId: ${community.id} belongs to ${before.subdistrictId}; a community does not move` };
        if (!before && !(await trx.selectFrom('subdistricts').select('id').where('id', '=', community.subdistrictId).executeTakeFirst())) {
          return { ok: false, code: 'invalid', message: `subdistrictId: unknown sub-district ${community.subdistrictId}` };
        }
        const clash = communityClashes(current, [community]).get(community.id);
        if (clash) return { ok: false, code: 'conflict', message: clashMessage(clash) };
        if (before) await updateCommunities(trx, [community]);
        else await trx.insertInto('communities').values({ id: community.id, subdistrict_id: community.subdistrictId, name_zh: community.nameZh, name_en: community.nameEn, code: community.code === '' ? null : community.code, active: community.active ? 1 : 0 }).execute();
        await createChangesRepository(trx).publish([communityChange(community)], now());
        await createAuditRepository(trx, now).record(by, 'organisation.community.save', { communityId: community.id, before: before ?? null, after: community });
        return { ok: true, before, after: community };
      });
    },

    /** Every community with its code ("" when none) and active flag. */
    listEditedCommunities: () => readCommunities(db),

    /** Writes a checked bulk replacement of existing communities' names and codes in one transaction. */
    async replaceCommunityNames(communities: readonly EditedCommunity[], by: string, details: Record<string, unknown>): Promise<void> {
      await inTransaction(db, async (trx) => {
        await updateCommunities(trx, communities);
        await createChangesRepository(trx).publish(communities.map(communityChange), now());
        await createAuditRepository(trx, now).record(by, 'organisation.communities.import', { ...details, communityIds: communities.map((c) => c.id) });
      });
    },

    /** Activates or deactivates a department; false when there is none with this id. */
    async setDepartmentActive(departmentId: string, active: boolean, by: string): Promise<boolean> {
      return inTransaction(db, async (trx) => {
        const result = await trx.updateTable('departments').set({ active: active ? 1 : 0 }).where('id', '=', departmentId).executeTakeFirst();
        if (Number(result.numUpdatedRows) === 0) return false;
        await createAuditRepository(trx, now).record(by, active ? 'department.activate' : 'department.deactivate', { departmentId });
        return true;
      });
    },
  };
}
export type OrganisationRepository = ReturnType<typeof createOrganisationRepository>;
