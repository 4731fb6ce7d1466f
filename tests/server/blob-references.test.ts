import { afterEach, describe, expect, it } from 'vitest';
import { createBlobsRepository } from '../../src/server/repositories/blobs';
import { storedBlobFields, type BlobField, type DeviceRecordKind } from '../../src/shared/records';
import { startTestApp, type TestServer } from '../helpers/server/server';

let server: TestServer;
afterEach(() => server.close());

const hash = (n: number) => n.toString(16).padStart(64, '0');
const photo = (blobHash: string) => ({ blobHash, mediaType: 'image/jpeg', bytes: 10 });
const referencing = ({ field, holds }: BlobField, blobHash: string): Record<string, unknown> =>
  holds === 'hash' ? { [field]: blobHash } : holds === 'photo' ? { [field]: photo(blobHash) } : { [field]: [photo(hash(999)), photo(blobHash)] };

async function storeRecord(n: number, kind: DeviceRecordKind, data: Record<string, unknown>) {
  await server.db
    .insertInto('records')
    .values({
      id: `0190f0a0-0000-7000-8000-${String(n).padStart(12, '0')}`,
      kind,
      schema_version: 1,
      hash: hash(5000 + n),
      data: JSON.stringify({ communityId: 'yijiangmen-c01', ...data }),
      community_id: 'yijiangmen-c01',
      author_id: 'u-1',
      device_id: 'device-a',
      pushed_by: 'u-1',
      batch_id: 'batch-1',
      received_at: '2026-03-02T09:00:00.000Z',
    })
    .execute();
}

describe('the records that reference a blob, by the record kinds’ blob fields', () => {
  it('are found through every field any version of a kind names a blob in, and not through another kind’s', async () => {
    server = await startTestApp();
    const blobs = createBlobsRepository(server.db, () => new Date('2026-03-02T10:00:00Z'));
    const fields = storedBlobFields();
    expect(fields.map((field) => field.kind)).toEqual(['signature', 'deliberation', 'deliberation_follow_up', 'case_report']);
    for (const [index, field] of fields.entries()) await storeRecord(index, field.kind, referencing(field, hash(index + 1)));
    // The same field in a kind that names no blob through it references nothing.
    await storeRecord(100, 'visit', referencing(fields[0]!, hash(100)));

    for (const index of fields.keys()) expect(await blobs.references(hash(index + 1))).toEqual([{ communityId: 'yijiangmen-c01', subdistrictId: 'yijiangmen' }]);
    expect(await blobs.references(hash(100))).toEqual([]);
  });

  it('keep the blobs they name from the sweep of unreferenced uploads', async () => {
    server = await startTestApp();
    const blobs = createBlobsRepository(server.db, () => new Date('2026-01-01T00:00:00Z'));
    const fields = storedBlobFields();
    for (const [index, field] of fields.entries()) {
      await blobs.put(hash(index + 1), new Uint8Array([index]), 'image/jpeg', 'u-1');
      await storeRecord(index, field.kind, referencing(field, hash(index + 1)));
    }
    await blobs.put(hash(100), new Uint8Array([100]), 'image/jpeg', 'u-1');
    expect(await blobs.removeUnreferenced(new Date('2026-02-01T00:00:00Z'))).toBe(1);
    const kept = await server.db.selectFrom('blobs').select('hash').orderBy('hash').execute();
    expect(kept.map((row) => row.hash)).toEqual(fields.map((_, index) => hash(index + 1)));
  });
});
