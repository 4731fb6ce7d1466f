import { afterEach, describe, expect, it } from 'vitest';
import { appDatabase } from '../../src/app/db/database';
import { outboxSummary } from '../../src/app/db/outbox';
import { saveFinalised } from '../../src/app/db/records';
import { takeUnseenDecisions } from '../../src/app/db/refusal-outcomes';
import { runSync } from '../../src/app/sync/engine';
import type { Fleet } from '../../src/shared/devices';
import type { RefusalList } from '../../src/shared/refusals';
import { visitRecord } from '../../scripts/harness/records';
import { startLiveServer, type LiveServer } from '../../scripts/harness/live-server';
import { deviceApi, signIn } from '../../scripts/harness/sync-device';

let server: LiveServer;
afterEach(() => server.close());

async function asSupervisor<T>(path: string, body?: object): Promise<T> {
  const { token } = await signIn(server.url, 'demo-supervisor');
  const response = await fetch(`${server.url}${path}`, {
    method: body ? 'POST' : 'GET',
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as T;
}

describe('the office’s decision on a refused record reaches the device', () => {
  it('after the next pull the record is no longer a problem: its decision is shown once, and the record stays on the device', async () => {
    server = await startLiveServer({ app: false });
    const { token, userId } = await signIn(server.url);
    const dismissedOne = visitRecord({ id: userId, communityId: 'yijiangmen-c01' }, { roundId: '2030-H2' });
    const acceptedOne = visitRecord({ id: userId, communityId: 'yijiangmen-c01' }, { roundId: '2030-H1' });
    await saveFinalised([dismissedOne, acceptedOne]);
    await runSync(deviceApi(server.url, token));
    expect((await outboxSummary()).problems.map((p) => p.id).sort()).toEqual([dismissedOne.id, acceptedOne.id].sort());

    const { refusals } = await asSupervisor<RefusalList>('/api/refusals');
    const refusalOf = (id: string) => refusals.find((r) => r.recordId === id)!.id;
    await asSupervisor(`/api/refusals/${refusalOf(dismissedOne.id)}/dismiss`, { reason: '该轮次不存在，已另行录入' });
    await asSupervisor(`/api/refusals/${refusalOf(acceptedOne.id)}/accept`, { data: { ...acceptedOne.data, roundId: '2026-H1' } });
    // Decided, but not pulled yet: the device still shows both.
    expect((await outboxSummary()).problems).toHaveLength(2);

    await runSync(deviceApi(server.url, token));
    expect((await outboxSummary()).problems).toEqual([]);
    const kept = await appDatabase().records.get(dismissedOne.id);
    expect(kept).toMatchObject({ hash: dismissedOne.hash, syncState: 'rejected', officeDecision: { decision: 'dismissed', reason: '该轮次不存在，已另行录入' } });
    const shown = await takeUnseenDecisions(new Date());
    expect(shown.map((r) => [r.id, r.officeDecision.decision]).sort()).toEqual(
      [
        [dismissedOne.id, 'dismissed'],
        [acceptedOne.id, 'accepted'],
      ].sort(),
    );
    expect(await takeUnseenDecisions(new Date())).toEqual([]);
    // The corrected version came down as the worker's own record.
    const corrected = shown.find((r) => r.id === acceptedOne.id)!.officeDecision.correctedRecordId!;
    expect(await appDatabase().records.get(corrected)).toMatchObject({ origin: 'pulled', syncState: 'synced', data: { supersedes: acceptedOne.id, roundId: '2026-H1' } });

    // The fleet view stops counting them as refused.
    const fleet = await asSupervisor<Fleet>('/api/devices');
    expect(fleet.devices[0]).toMatchObject({ refused: 0 });
  });
});
