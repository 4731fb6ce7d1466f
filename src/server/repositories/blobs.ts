import type { Database } from '../db/database';

export function createBlobsRepository(db: Database, now: () => Date) {
  return {
    /** Stores the bytes under their hash; answers whether they were new. Idempotent. */
    async put(hash: string, bytes: Uint8Array, contentType: string, uploadedBy: string): Promise<'created' | 'existing'> {
      const result = await db
        .insertInto('blobs')
        .values({ hash, bytes, size: bytes.length, content_type: contentType, uploaded_by: uploadedBy, created_at: now().toISOString() })
        .onConflict((oc) => oc.column('hash').doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) > 0 ? 'created' : 'existing';
    },

    async has(hash: string): Promise<boolean> {
      return (await db.selectFrom('blobs').select('hash').where('hash', '=', hash).executeTakeFirst()) !== undefined;
    },

    async get(hash: string): Promise<{ bytes: Uint8Array; contentType: string } | undefined> {
      const row = await db.selectFrom('blobs').select(['bytes', 'content_type']).where('hash', '=', hash).executeTakeFirst();
      return row && { bytes: row.bytes, contentType: row.content_type };
    },
  };
}
export type BlobsRepository = ReturnType<typeof createBlobsRepository>;
