import { v7 as uuidv7 } from 'uuid';
import { afterEach, describe, expect, it } from 'vitest';
import { finaliseRecord } from '../../src/shared/records';
import type { Change, PullResponse } from '../../src/shared/sync';
import { responseRecord, visitRecord } from '../helpers/records';
import { loginAs, startTestApp, type TestServer } from '../helpers/server';

let server: TestServer;
afterEach(() => server.close());

async function pullEverything(token: string): Promise<Change[]> {
  const changes: Change[] = [];
  for (let checkpoint = '0'; ; ) {
    const response = await server.app.inject({ method: 'GET', url: `/api/sync/pull?checkpoint=${checkpoint}&limit=1000`, headers: { authorization: `Bearer ${token}` } });
    expect(response.statusCode).toBe(200);
    const page = response.json() as PullResponse;
    changes.push(...page.changes);
    checkpoint = page.checkpoint;
    if (!page.hasMore) return changes;
  }
}

// The consent tells residents that office staff see their answers, never their door: no office
// answer may carry a household's address together with (or linked to) a response.
describe('answers are kept apart from addresses', () => {
  it.each(['demo-officer', 'demo-supervisor', 'demo-admin'])('%s pulls no household, visit or response of a worker', async (office) => {
    server = await startTestApp();
    const worker = await loginAs(server.app, 'demo-worker');
    const author = { id: worker.body.user.id, communityId: 'yijiangmen-c01' };
    const response = responseRecord(author);
    const household = finaliseRecord('household', uuidv7(), {
      authorId: author.id,
      deviceId: 'device-a',
      createdAt: '2026-03-02T09:00:00.000Z',
      finalisedAt: '2026-03-02T09:01:00.000Z',
      communityId: author.communityId,
      building: '7',
      unit: '2',
      room: '603',
    });
    const visit = visitRecord(author, { householdId: household.id, outcome: 'completed', responseId: response.id });
    const push = await server.app.inject({
      method: 'POST',
      url: '/api/sync/push',
      headers: { authorization: `Bearer ${worker.body.token}` },
      payload: { deviceId: 'device-a', batchId: 'b1', records: [household, response, visit] },
    });
    expect(push.json().results.map((r: { status: string }) => r.status)).toEqual(['accepted', 'accepted', 'accepted']);

    const { body } = await loginAs(server.app, office);
    const changes = await pullEverything(body.token);
    const seen = new Set(changes.map((change) => change.id));
    for (const record of [household, response, visit]) expect(seen.has(record.id)).toBe(false);
    expect(changes.filter((change) => ['household', 'visit', 'response'].includes(change.kind))).toEqual([]);
    // Nothing an office user receives names the response next to a room number.
    const joined = changes.filter((change) => JSON.stringify(change.data ?? {}).includes(response.id));
    expect(joined).toEqual([]);
  });
});
