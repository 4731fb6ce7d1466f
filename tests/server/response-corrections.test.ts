import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/server/auth/passwords';
import { createRepositories } from '../../src/server/repositories';
import { defaultQuestionnaires } from '../../src/server/demo/templates';
import type { FinalisedRecord } from '../../src/shared/records';
import { questionnaireResponse } from '../../scripts/harness/records';
import { loginAs, pushRecords, startTestApp, type TestServer } from '../helpers/server/server';

/**
 * A correction is a new record naming the one it supersedes (DESIGN.md): the scores count the
 * correction and stop counting the original, whichever reaches the server first; only the original's
 * own author can correct it.
 */
let server: TestServer;
const workers: Record<'first' | 'second', { id: string; token: string }> = { first: { id: '', token: '' }, second: { id: '', token: '' } };
const community = 'yijiangmen-c02';

const satisfactionItems = defaultQuestionnaires.find((q) => q.id === 'resident-elderly')!.items.filter((item) => item.kind === 'satisfaction').map((item) => item.id);
const answersAll = (optionId: string) => ({ ...Object.fromEntries(satisfactionItems.map((id) => [id, optionId])), grid_visited: true, concerns: [] });
const response = (who: keyof typeof workers, optionId: string, supersedes?: string) => questionnaireResponse({ id: workers[who].id, communityId: community }, answersAll(optionId), supersedes ? { supersedes } : {});

async function push(who: keyof typeof workers, records: FinalisedRecord[]): Promise<void> {
  const { results } = await pushRecords(server.app, workers[who].token, records, `batch-${records[0]!.id}`);
  expect(results.map((result) => result.status)).toEqual(records.map(() => 'accepted'));
}

async function communityUnit(): Promise<{ n: number; cells: { mean: number }[] }> {
  const { body } = await loginAs(server.app, 'demo-supervisor');
  const scores = (await server.app.inject({ method: 'GET', url: '/api/rounds/2026-H1/scores?level=community&subdistrictId=yijiangmen', headers: { authorization: `Bearer ${body.token}` } })).json();
  return scores.units.find((unit: { unitId: string }) => unit.unitId === community);
}

beforeAll(async () => {
  server = await startTestApp();
  const { body } = await loginAs(server.app, 'demo-worker');
  workers.first = { id: body.user.id, token: body.token };
  const repos = createRepositories(server.db, { now: () => new Date(), sessionLifetimeMs: 60_000 });
  await repos.users.create({ username: 'second-worker', name: '第二网格员', role: 'grid_worker', scope: { level: 'community', ids: [community] }, passwordHash: await hashPassword('second-worker-pw') });
  const second = await loginAs(server.app, 'second-worker', 'second-worker-pw');
  workers.second = { id: second.body.user.id, token: second.body.token };
});
afterAll(() => server.close());

describe('corrected responses', () => {
  it('count once, as corrected, whether the correction arrives after or before the original', async () => {
    const original = response('first', 'very_unsatisfied');
    await push('first', [original]);
    expect(await communityUnit()).toMatchObject({ n: 1, cells: [{ mean: 0 }] });
    await push('first', [response('first', 'very_satisfied', original.id)]);
    expect(await communityUnit()).toMatchObject({ n: 1, cells: [{ mean: 100 }] });

    // A phone may send the correction first: the original then never counts.
    const late = response('first', 'very_unsatisfied');
    await push('first', [response('first', 'very_satisfied', late.id)]);
    await push('first', [late]);
    expect(await communityUnit()).toMatchObject({ n: 2, cells: [{ mean: 100 }] });
    // Both originals stay stored: nothing is deleted.
    expect(await server.db.selectFrom('records').select('id').where('id', 'in', [original.id, late.id]).execute()).toHaveLength(2);
  });

  it("cannot take another worker's response out of the scores", async () => {
    const before = await communityUnit();
    const theirs = response('first', 'very_satisfied');
    await push('first', [theirs]);
    await push('second', [response('second', 'very_unsatisfied', theirs.id)]);
    const after = await communityUnit();
    expect(after.n).toBe(before.n + 2);
    expect(after.cells[0]!.mean).toBeCloseTo((before.n * 100 + 100 + 0) / (before.n + 2), 10);
  });
});
