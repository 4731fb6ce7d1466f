import fc from 'fast-check';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FinalisedRecord } from '../../src/shared/records';
import type { PushResult } from '../../src/shared/sync';
import { visitRecord } from '../../scripts/harness/records';
import { loginAs, startTestApp, type TestServer } from '../helpers/server/server';

let server: TestServer;
let token: string;
let userId: string;

beforeAll(async () => {
  server = await startTestApp();
  const { body } = await loginAs(server.app, 'demo-worker');
  token = body.token;
  userId = body.user.id;
});
afterAll(() => server.close());

const outcomes = ['completed', 'nobody_home', 'refused'] as const;

/** A pick of record `slot` in `version`: versions of one slot share the id and differ in content. */
const pick = fc.record({ slot: fc.nat({ max: 5 }), version: fc.nat({ max: 2 }) });
/** A batch, and whether its response is "lost" so the device sends it again. */
const batch = fc.record({ picks: fc.array(pick, { minLength: 1, maxLength: 8 }), responseLost: fc.boolean() });
const scenario = fc.record({ batches: fc.array(batch, { minLength: 1, maxLength: 8 }), concurrent: fc.boolean() });

async function push(records: FinalisedRecord[]): Promise<PushResult[]> {
  const response = await server.app.inject({
    method: 'POST',
    url: '/api/sync/push',
    headers: { authorization: `Bearer ${token}` },
    payload: { deviceId: 'device-p', batchId: uuidv7(), records },
  });
  expect(response.statusCode).toBe(200);
  return response.json().results;
}

describe('push under duplicates, reorderings, resends and conflicting edits (property)', () => {
  it('stores each id once, never overwrites the first accepted version, and records every conflict', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async ({ batches, concurrent }) => {
        // Fresh ids per run, so that runs share one server without seeing each other.
        const ids = Array.from({ length: 6 }, () => uuidv7());
        const versions = ids.map((id) => outcomes.map((outcome) => visitRecord({ id: userId, communityId: 'yijiangmen-c01' }, { outcome, householdId: id }, id)));
        const sends = batches.flatMap((b) => {
          const records = b.picks.map(({ slot, version }) => versions[slot]![version]!);
          return b.responseLost ? [records, records] : [records];
        });

        const results = concurrent ? (await Promise.all(sends.map(push))).flat() : await sends.reduce<Promise<PushResult[]>>(async (done, records) => [...(await done), ...(await push(records))], Promise.resolve([]));

        const pushed = sends.flat();
        const touched = [...new Set(pushed.map((r) => r.id))];
        const stored = await server.db.selectFrom('records').select(['id', 'hash']).where('id', 'in', touched).execute();
        expect(stored.map((r) => r.id).sort()).toEqual([...touched].sort());

        for (const id of touched) {
          const storedHash = stored.find((r) => r.id === id)!.hash;
          const statuses = results.filter((r) => r.id === id).map((r) => r.status);
          expect(statuses.filter((s) => s === 'accepted')).toHaveLength(1);
          if (!concurrent) {
            // Sequentially, the first version ever pushed is the one kept.
            expect(storedHash).toBe(pushed.find((r) => r.id === id)!.hash);
          }
          const otherHashes = [...new Set(pushed.filter((r) => r.id === id && r.hash !== storedHash).map((r) => r.hash))].sort();
          const conflicts = await server.db.selectFrom('record_conflicts').select('hash').where('record_id', '=', id).execute();
          expect(conflicts.map((c) => c.hash).sort()).toEqual(otherHashes);
          const sentVersions = pushed.filter((r) => r.id === id);
          expect(statuses).toHaveLength(sentVersions.length);
          sentVersions.forEach((record, i) => {
            const status = statuses[i];
            if (record.hash !== storedHash) expect(status).toBe('conflict');
            else expect(['accepted', 'duplicate']).toContain(status);
          });
        }
      }),
      { numRuns: 40 },
    );
  });
});
