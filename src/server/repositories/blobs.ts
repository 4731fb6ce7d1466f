import { sql, type ExpressionBuilder, type RawBuilder } from 'kysely';
import { storedBlobFields, type BlobField } from '../../shared/records';
import type { Database } from '../db/database';
import { isPostgres } from '../db/helpers';
import type { DatabaseSchema } from '../db/schema';

/**
 * The fields through which records reference a blob, from the record kinds' versions: a blob is
 * seen, and kept, through the records that name it.
 */
const blobReferenceFields = storedBlobFields();

/** Where the records that reference a blob were made; for a case's evidence, its sub-district and department. */
export interface BlobReference {
  communityId: string;
  subdistrictId: string;
  departmentId?: string | null;
}

export interface StoredBlob {
  bytes: Uint8Array;
  contentType: string;
  /** Everyone who uploaded these bytes. */
  uploaders: string[];
}

export function createBlobsRepository(db: Database, now: () => Date) {
  const postgres = isPostgres(db);
  /** A JSON field of `records.data` holding a hash, as the expression migration 004 indexes for `blobHash`. */
  const dataField = (field: string): RawBuilder<string | null> =>
    postgres ? sql`((records.data::jsonb) ->> ${sql.lit(field)})` : sql`json_extract(records.data, ${sql.lit(`$.${field}`)})`;
  /** The hash of the photo in a field. */
  const photoField = (field: string): RawBuilder<string | null> =>
    postgres ? sql`((records.data::jsonb) #>> ${sql.lit(`{${field},blobHash}`)})` : sql`json_extract(records.data, ${sql.lit(`$.${field}.blobHash`)})`;
  /** A list of photos: one of them names the blob. Few records per community have one, so no index. */
  const photoInList = (field: string, hash: string | RawBuilder<string>): RawBuilder<boolean> =>
    postgres
      ? sql`((records.data::jsonb) -> ${sql.lit(field)}) @> jsonb_build_array(jsonb_build_object('blobHash', ${hash}::text))`
      : sql`exists (select 1 from json_each(records.data, ${sql.lit(`$.${field}`)}) as photo where json_extract(photo.value, '$.blobHash') = ${hash})`;
  const names = (eb: ExpressionBuilder<DatabaseSchema, 'records'>, { field, holds }: BlobField, hash: string | RawBuilder<string>) =>
    holds === 'hash' ? eb(dataField(field), '=', hash) : holds === 'photo' ? eb(photoField(field), '=', hash) : photoInList(field, hash);
  const referencesBlob = (eb: ExpressionBuilder<DatabaseSchema, 'records'>, hash: string | RawBuilder<string>) =>
    eb.or(blobReferenceFields.map((reference) => eb.and([eb('records.kind', '=', reference.kind), names(eb, reference, hash)])));

  async function uploaders(hash: string): Promise<string[]> {
    return (await db.selectFrom('blob_uploaders').select('user_id').where('hash', '=', hash).execute()).map((row) => row.user_id);
  }

  return {
    /**
     * Stores the bytes under their hash and records the user as one of its uploaders (bytes already
     * stored by someone else included: sending them proves holding them); answers whether they were new.
     */
    async put(hash: string, bytes: Uint8Array, contentType: string, uploadedBy: string): Promise<'created' | 'existing'> {
      const result = await db
        .insertInto('blobs')
        .values({ hash, bytes, size: bytes.length, content_type: contentType, uploaded_by: uploadedBy, created_at: now().toISOString() })
        .onConflict((oc) => oc.column('hash').doNothing())
        .executeTakeFirst();
      await db.insertInto('blob_uploaders').values({ hash, user_id: uploadedBy }).onConflict((oc) => oc.columns(['hash', 'user_id']).doNothing()).execute();
      return Number(result.numInsertedOrUpdatedRows ?? 0) > 0 ? 'created' : 'existing';
    },

    /** Who uploaded each of several blobs, in one query; a blob the server lacks is not in the map. */
    async uploadersOf(hashes: readonly string[]): Promise<Map<string, string[]>> {
      const byHash = new Map<string, string[]>();
      if (hashes.length === 0) return byHash;
      const rows = await db.selectFrom('blob_uploaders').select(['hash', 'user_id']).where('hash', 'in', hashes).execute();
      for (const row of rows) byHash.set(row.hash, [...(byHash.get(row.hash) ?? []), row.user_id]);
      return byHash;
    },

    /** Who uploaded a blob, without reading its bytes; undefined when the server lacks it. */
    async uploader(hash: string): Promise<{ uploaders: string[] } | undefined> {
      const users = await uploaders(hash);
      return users.length > 0 ? { uploaders: users } : undefined;
    },

    async get(hash: string): Promise<StoredBlob | undefined> {
      const row = await db.selectFrom('blobs').select(['bytes', 'content_type']).where('hash', '=', hash).executeTakeFirst();
      return row && { bytes: row.bytes, contentType: row.content_type, uploaders: await uploaders(hash) };
    },

    /** The communities (and their sub-districts) of the records that reference a blob, and the cases it is evidence of. */
    async references(hash: string): Promise<BlobReference[]> {
      const records = await db
        .selectFrom('records')
        .innerJoin('communities', 'communities.id', 'records.community_id')
        .select(['records.community_id as communityId', 'communities.subdistrict_id as subdistrictId'])
        .where((eb) => referencesBlob(eb, hash))
        .distinct()
        .execute();
      const cases = await db
        .selectFrom('case_events')
        .innerJoin('cases', 'cases.id', 'case_events.case_id')
        .select(['cases.subdistrict_id as subdistrictId', 'cases.department_id as departmentId'])
        .where('case_events.evidence', 'like', `%${hash}%`)
        .distinct()
        .execute();
      return [...records, ...cases.map((c) => ({ communityId: '', subdistrictId: c.subdistrictId, departmentId: c.departmentId }))];
    },

    /** Bytes of all blobs a user has uploaded, for the per-user quota. */
    async bytesUploadedBy(userId: string): Promise<number> {
      const row = await db.selectFrom('blobs').select((eb) => eb.fn.sum<string | number | null>('size').as('total')).where('uploaded_by', '=', userId).executeTakeFirst();
      return Number(row?.total ?? 0);
    },

    /**
     * Deletes blobs uploaded before `uploadedBefore` that no record references: uploads whose record
     * never came. A blob is uploaded before its record, so the grace period must outlast a device's
     * time offline. Answers how many were removed.
     */
    async removeUnreferenced(uploadedBefore: Date): Promise<number> {
      const result = await db
        .deleteFrom('blobs')
        .where('created_at', '<', uploadedBefore.toISOString())
        .where((eb) => eb.not(eb.exists(eb.selectFrom('records').select(sql.lit(1).as('one')).where((inner) => referencesBlob(inner, sql.ref('blobs.hash'))))))
        // Photos of a case's progress are kept by its events.
        .where((eb) => eb.not(eb.exists(eb.selectFrom('case_events').select(sql.lit(1).as('one')).where('case_events.evidence', 'like', sql<string>`'%' || blobs.hash || '%'`))))
        .executeTakeFirst();
      await db
        .deleteFrom('blob_uploaders')
        .where((eb) => eb.not(eb.exists(eb.selectFrom('blobs').select(sql.lit(1).as('one')).whereRef('blobs.hash', '=', 'blob_uploaders.hash'))))
        .execute();
      return Number(result.numDeletedRows);
    },
  };
}
export type BlobsRepository = ReturnType<typeof createBlobsRepository>;
