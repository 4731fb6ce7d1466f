import { afterEach, describe, expect, it } from 'vitest';
import { recordHash } from '../../src/shared/records';
import type { PullResponse, PushResult } from '../../src/shared/sync';
import { registryWithVisitV2 } from '../helpers/record-versions';
import { visitRecord } from '../helpers/records';
import { loginAs, startTestApp, type TestServer } from '../helpers/server';

let server: TestServer;
afterEach(() => server.close());

describe('push after an update to a record kind', () => {
  it('accepts a version-1 record made before the update and keeps it exactly as sent', async () => {
    // The server knows visits at version 2; the device made this one at version 1, before the update.
    server = await startTestApp({ recordVersions: registryWithVisitV2 });
    const { body } = await loginAs(server.app, 'demo-worker');
    const author = { id: body.user.id, communityId: 'yijiangmen-c01' };
    const madeBefore = visitRecord(author);
    expect(madeBefore.schemaVersion).toBe(1);
    const v2 = { ...visitRecord(author), schemaVersion: 2 };
    const madeAfter = { ...v2, data: { ...v2.data, contact: 'phone' }, hash: '' };
    madeAfter.hash = recordHash(madeAfter);
    const invalidV2 = { ...v2, data: { ...v2.data, roundId: 'never' } };
    invalidV2.hash = recordHash(invalidV2);

    const response = await server.app.inject({
      method: 'POST',
      url: '/api/sync/push',
      headers: { authorization: `Bearer ${body.token}` },
      payload: { deviceId: 'device-a', batchId: 'b', records: [madeBefore, madeAfter, invalidV2] },
    });
    const results = (response.json() as { results: PushResult[] }).results;
    expect(results.map((r) => r.status)).toEqual(['accepted', 'accepted', 'rejected']);

    const stored = await server.db.selectFrom('records').select(['id', 'schema_version', 'hash']).where('id', '=', madeBefore.id).executeTakeFirstOrThrow();
    expect(stored).toEqual({ id: madeBefore.id, schema_version: 1, hash: madeBefore.hash });
    const pull = (await server.app.inject({ method: 'GET', url: '/api/sync/pull?checkpoint=0&limit=1000', headers: { authorization: `Bearer ${body.token}` } })).json() as PullResponse;
    const pulled = pull.changes.find((c) => c.id === madeBefore.id)!.data!;
    expect(recordHash(pulled as never)).toBe(madeBefore.hash);
    expect(pulled).toMatchObject({ schemaVersion: 1, hash: madeBefore.hash, data: madeBefore.data });
  });
});
