import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishedDemoRoundId, smallDemoCommunityId } from '../../src/server/demo/history';
import { seedDemoData } from '../../src/server/demo/seed';
import { buildApp } from '../../src/server/app';
import { mergeMoments, emptyMoments } from '../../src/shared/scoring/moments';
import { loginAs, openTestDatabase } from '../helpers/server/server';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../../src/server/db/database';

/** Issue 7 item 9: the synthetic published round 2025-H2 that `npm start` seeds. */

let db: Database;
let app: FastifyInstance;
let release: () => Promise<void>;

beforeAll(async () => {
  ({ db, release } = await openTestDatabase());
  await seedDemoData(db, undefined, { publishedRound: true });
  app = await buildApp({ db });
}, 180_000);
afterAll(async () => {
  await app.close();
  await db.destroy();
  await release();
});

describe('demo round 2025-H2', () => {
  it('is published and synthetic, at the case scale, beside the open round 2026-H1', async () => {
    const { body } = await loginAs(app, 'demo-supervisor');
    const headers = { authorization: `Bearer ${body.token}` };
    const rounds = (await app.inject({ method: 'GET', url: '/api/rounds', headers })).json().rounds;
    expect(rounds.map((r: { id: string; state: string; synthetic: boolean }) => [r.id, r.state, r.synthetic])).toEqual([
      [publishedDemoRoundId, 'published', true],
      ['2026-H1', 'open', false],
    ]);
    const counts = (await app.inject({ method: 'GET', url: `/api/rounds/${publishedDemoRoundId}`, headers })).json().counts;
    expect(counts).toMatchObject({ received: 34_519, counted: 34_519, late: 0, voided: 0 });
    expect((await app.inject({ method: 'GET', url: '/api/public/rounds' })).json().rounds).toEqual([expect.objectContaining({ id: publishedDemoRoundId, synthetic: true })]);
  });

  it('has field answers near 95, online near 98, and outliers on both sides of the funnel', async () => {
    const field = await db.selectFrom('score_cells').select(['channel', 'n', 'sum', 'sum_sq']).where('round_id', '=', publishedDemoRoundId).where('level', '=', 'subdistrict').execute();
    const meanOf = (channel: string) => {
      const moments = field.filter((c) => c.channel === channel).reduce((total, c) => mergeMoments(total, { n: c.n, sum: c.sum, sumSq: c.sum_sq }), emptyMoments);
      return moments.sum / moments.n;
    };
    expect(meanOf('field')).toBeGreaterThan(94);
    expect(meanOf('field')).toBeLessThan(96);
    expect(meanOf('online')).toBeGreaterThan(97);
    expect(meanOf('online')).toBeLessThan(99);
    const { body } = await loginAs(app, 'demo-supervisor');
    const scores = (await app.inject({ method: 'GET', url: `/api/rounds/${publishedDemoRoundId}/scores?level=subdistrict`, headers: { authorization: `Bearer ${body.token}` } })).json();
    const flagged = scores.units.filter((u: { outlier: string | null }) => u.outlier !== null).map((u: { unitId: string; outlier: string }) => [u.unitId, u.outlier]);
    // The sub-districts generated below or above the rest, and only they.
    expect(new Map(flagged)).toEqual(new Map([['xiaguan', 'below'], ['mufushan', 'below'], ['hunanlu', 'above'], ['ninghailu', 'above']]));
  });

  it('has one community of 9 responses, which the public scores do not show', async () => {
    const { body } = await loginAs(app, 'demo-supervisor');
    const headers = { authorization: `Bearer ${body.token}` };
    const scores = (await app.inject({ method: 'GET', url: `/api/rounds/${publishedDemoRoundId}/scores?level=community`, headers })).json();
    const small = scores.units.filter((u: { n: number }) => u.n < 10);
    expect(small.map((u: { unitId: string; n: number }) => [u.unitId, u.n])).toEqual([[smallDemoCommunityId, 9]]);
    const published = (await app.inject({ method: 'GET', url: `/api/public/rounds/${publishedDemoRoundId}/scores?level=community&subdistrictId=yijiangmen` })).json();
    expect(published.units.find((u: { unitId: string }) => u.unitId === smallDemoCommunityId)).toMatchObject({ suppressed: true });
    expect(published.units.filter((u: { suppressed: boolean }) => !u.suppressed)).toHaveLength(9);
  });

  it('sends none of its 34,519 responses to a worker’s device', async () => {
    const { body } = await loginAs(app, 'demo-worker');
    let checkpoint = 0;
    const kinds = new Set<string>();
    for (;;) {
      const page = (await app.inject({ method: 'GET', url: `/api/sync/pull?checkpoint=${checkpoint}&limit=500`, headers: { authorization: `Bearer ${body.token}` } })).json();
      for (const change of page.changes) kinds.add(change.kind);
      checkpoint = page.checkpoint;
      if (!page.hasMore) break;
    }
    expect(kinds.has('round')).toBe(true);
    expect(kinds.has('response')).toBe(false);
  });
});
