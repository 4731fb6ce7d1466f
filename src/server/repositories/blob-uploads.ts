import type { Database } from '../db/database';
import { inTransaction } from '../db/helpers';

export interface BlobUpload {
  length: number;
  received: number;
  contentType: string;
}

/**
 * Blob uploads in progress, each its uploader's own: another user's upload of the same hash is a
 * separate one, so nobody can append to, or learn of, someone else's bytes.
 */
export function createBlobUploadsRepository(db: Database, now: () => Date) {
  const ofUpload = (hash: string, userId: string) => ({ hash, user_id: userId });
  return {
    async find(hash: string, userId: string): Promise<BlobUpload | undefined> {
      return db
        .selectFrom('blob_uploads')
        .select(['length', 'received', 'content_type as contentType'])
        .where('hash', '=', hash)
        .where('user_id', '=', userId)
        .executeTakeFirst();
    },

    /** A user's uploads in progress of several hashes, in one query. */
    async findMany(hashes: readonly string[], userId: string): Promise<Map<string, BlobUpload>> {
      if (hashes.length === 0) return new Map();
      const rows = await db
        .selectFrom('blob_uploads')
        .select(['hash', 'length', 'received', 'content_type as contentType'])
        .where('hash', 'in', hashes)
        .where('user_id', '=', userId)
        .execute();
      return new Map(rows.map(({ hash, ...upload }) => [hash, upload]));
    },

    /** Starts an upload, or answers the one already in progress. */
    async start(hash: string, userId: string, length: number, contentType: string): Promise<BlobUpload> {
      await db
        .insertInto('blob_uploads')
        .values({ ...ofUpload(hash, userId), length, received: 0, content_type: contentType, updated_at: now().toISOString() })
        .onConflict((oc) => oc.columns(['hash', 'user_id']).doNothing())
        .execute();
      return (await this.find(hash, userId))!;
    },

    /**
     * Adds `bytes` at `offset`, only if the upload holds exactly `offset` bytes: of two requests
     * appending at once, one wins and the other learns it is behind. Answers whether it was added.
     */
    async append(hash: string, userId: string, offset: number, bytes: Uint8Array): Promise<boolean> {
      return inTransaction(db, async (trx) => {
        const moved = await trx
          .updateTable('blob_uploads')
          .set((eb) => ({ received: eb('received', '+', bytes.length), updated_at: now().toISOString() }))
          .where('hash', '=', hash)
          .where('user_id', '=', userId)
          .where('received', '=', offset)
          .where('length', '>=', offset + bytes.length)
          .executeTakeFirst();
        if (Number(moved.numUpdatedRows) === 0) return false;
        await trx.insertInto('blob_upload_parts').values({ ...ofUpload(hash, userId), offset, bytes }).execute();
        return true;
      });
    },

    /** The bytes received, in order. */
    async assemble(hash: string, userId: string): Promise<Buffer> {
      const parts = await db.selectFrom('blob_upload_parts').select('bytes').where('hash', '=', hash).where('user_id', '=', userId).orderBy('offset').execute();
      return Buffer.concat(parts.map((part) => part.bytes));
    },

    async drop(hash: string, userId: string): Promise<void> {
      await inTransaction(db, async (trx) => {
        await trx.deleteFrom('blob_upload_parts').where('hash', '=', hash).where('user_id', '=', userId).execute();
        await trx.deleteFrom('blob_uploads').where('hash', '=', hash).where('user_id', '=', userId).execute();
      });
    },

    /** Bytes a user's uploads in progress will take once complete: they count towards the quota. */
    async bytesInProgressBy(userId: string): Promise<number> {
      const row = await db.selectFrom('blob_uploads').select((eb) => eb.fn.sum<string | number | null>('length').as('total')).where('user_id', '=', userId).executeTakeFirst();
      return Number(row?.total ?? 0);
    },

    /** Removes uploads that received nothing since `updatedBefore`, with their parts; answers how many. */
    async removeStale(updatedBefore: Date): Promise<number> {
      const before = updatedBefore.toISOString();
      return inTransaction(db, async (trx) => {
        await trx
          .deleteFrom('blob_upload_parts')
          .where(({ exists, selectFrom }) =>
            exists(
              selectFrom('blob_uploads')
                .select('blob_uploads.hash')
                .whereRef('blob_uploads.hash', '=', 'blob_upload_parts.hash')
                .whereRef('blob_uploads.user_id', '=', 'blob_upload_parts.user_id')
                .where('blob_uploads.updated_at', '<', before),
            ),
          )
          .execute();
        const removed = await trx.deleteFrom('blob_uploads').where('updated_at', '<', before).executeTakeFirst();
        return Number(removed.numDeletedRows);
      });
    },
  };
}
export type BlobUploadsRepository = ReturnType<typeof createBlobUploadsRepository>;
