import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishedDemoRoundId, smallDemoCommunityId } from '../../src/server/demo/history';
import { seedDemoData } from '../../src/server/demo/seed';
import { buildApp } from '../../src/server/app';
import type { RoundScores } from '../../src/shared/rounds/api';
import type { PublicRoundScores } from '../../src/shared/rounds/public-api';
import { mergeMoments, emptyMoments } from '../../src/shared/scoring/moments';
import { normalCritical } from '../../src/shared/scoring/quantiles';
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
    // Newest first, by the rounds' dates.
    expect(rounds.map((r: { id: string; state: string; synthetic: boolean }) => [r.id, r.state, r.synthetic])).toEqual([
      ['2026-H1', 'open', false],
      [publishedDemoRoundId, 'published', true],
    ]);
    const counts = (await app.inject({ method: 'GET', url: `/api/rounds/${publishedDemoRoundId}`, headers })).json().counts;
    expect(counts).toMatchObject({ received: 34_519, counted: 34_519, late: 0, voided: 0 });
    expect((await app.inject({ method: 'GET', url: '/api/public/rounds' })).json().rounds).toEqual([expect.objectContaining({ id: publishedDemoRoundId, synthetic: true })]);
  });

  it('has field answers near 95, online near 98, and flags on the funnel exactly the units beyond its over-dispersed limits', async () => {
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
    const scores: RoundScores = (await app.inject({ method: 'GET', url: `/api/rounds/${publishedDemoRoundId}/scores?level=subdistrict`, headers: { authorization: `Bearer ${body.token}` } })).json();
    const funnel = scores.funnel!;
    const beyond = scores.units.flatMap((u) => {
      const half = normalCritical(0.998) * Math.sqrt(u.funnel!.se ** 2 + funnel.tau2);
      const distance = u.funnel!.score - funnel.target;
      return Math.abs(distance) > half ? [[u.unitId, distance > 0 ? 'above' : 'below']] : [];
    });
    expect(scores.units.filter((u) => u.outlier !== null).map((u) => [u.unitId, u.outlier])).toEqual(beyond);
    // The four sub-districts generated 2–4 points off the rest are a third of the district: the
    // spread between sub-districts (τ²) is real, and the limits allow for it.
    expect(funnel.tau2).toBeGreaterThan(0.5);
    expect(beyond).toEqual([]);
    // Below the others all the same, and ranked apart from them.
    expect(scores.units.find((u) => u.unitId === 'xiaguan')).toMatchObject({ rankBest: 13, rankWorst: 13 });
  });

  it('shows on the public page the figures of the API, to 0.01, with design-based intervals', async () => {
    const { body } = await loginAs(app, 'demo-supervisor');
    const office: RoundScores = (await app.inject({ method: 'GET', url: `/api/rounds/${publishedDemoRoundId}/scores?level=subdistrict`, headers: { authorization: `Bearer ${body.token}` } })).json();
    const published: PublicRoundScores = (await app.inject({ method: 'GET', url: `/api/public/rounds/${publishedDemoRoundId}/scores` })).json();
    expect(published.units).toHaveLength(13);
    for (const unit of office.units) {
      const shown = published.units.find((candidate) => candidate.unitId === unit.unitId);
      if (!shown || shown.suppressed) throw new Error(`${unit.unitId} not shown`);
      expect(shown.n).toBe(unit.n);
      for (const key of ['score', 'ciLow', 'ciHigh'] as const) expect(Math.abs(shown[key]! - unit[key]!), `${unit.unitId} ${key}`).toBeLessThan(0.01);
      expect([shown.rankBest, shown.rankWorst]).toEqual([unit.rankBest, unit.rankWorst]);
      // The interval is the design-based SE's, and effective n is n over the design effect.
      expect(unit.ciHigh! - unit.ciLow!).toBeCloseTo(2 * normalCritical(0.95) * unit.se!, 6);
      expect(unit.effectiveN! * unit.designEffect!).toBeCloseTo(unit.n, 6);
    }
    // Communities are clusters: some sub-district's design effect is away from 1.
    expect(office.units.some((unit) => Math.abs(unit.designEffect! - 1) > 0.1)).toBe(true);
  });

  it('has one community of 9 responses, which the public scores do not show', async () => {
    const { body } = await loginAs(app, 'demo-supervisor');
    const headers = { authorization: `Bearer ${body.token}` };
    const scores = (await app.inject({ method: 'GET', url: `/api/rounds/${publishedDemoRoundId}/scores?level=community`, headers })).json();
    const small = scores.units.filter((u: { n: number }) => u.n < 10);
    expect(small.map((u: { unitId: string; n: number }) => [u.unitId, u.n])).toEqual([[smallDemoCommunityId, 9]]);
    const published = (await app.inject({ method: 'GET', url: `/api/public/rounds/${publishedDemoRoundId}/scores?level=community&subdistrictId=yijiangmen` })).json();
    expect(published.units.find((u: { unitId: string }) => u.unitId === smallDemoCommunityId)).toMatchObject({ suppressed: true });
    const shown = published.units.filter((u: { suppressed: boolean }) => !u.suppressed) as Array<{ rankBest: number; rankWorst: number }>;
    expect(shown).toHaveLength(9);
    // Ranked among the 9 shown, not among the 10 with the withheld one.
    expect(Math.min(...shown.map((u) => u.rankBest))).toBe(1);
    expect(Math.max(...shown.map((u) => u.rankWorst))).toBeLessThanOrEqual(9);
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
