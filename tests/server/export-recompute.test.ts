import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app';
import type { Database } from '../../src/server/db/database';
import { publishedDemoRoundId } from '../../src/server/demo/history';
import { seedDemoData } from '../../src/server/demo/seed';
import type { UnitScoresAnswer } from '../../src/shared/rounds/api';
import { loginAs, openTestDatabase } from '../helpers/server/server';

/** Issue 24 item 3: the published sub-district scores, recomputed from the export alone by a plain python3 script. */

let db: Database;
let app: FastifyInstance;
let release: () => Promise<void>;
let headers: { authorization: string };
let folder: string;

beforeAll(async () => {
  ({ db, release } = await openTestDatabase());
  await seedDemoData(db, undefined, { publishedRound: true });
  app = await buildApp({ db });
  headers = { authorization: `Bearer ${(await loginAs(app, 'demo-supervisor')).body.token}` };
  folder = mkdtempSync(join(tmpdir(), 'gulou-export-'));
}, 180_000);
afterAll(async () => {
  rmSync(folder, { recursive: true, force: true });
  await app.close();
  await db.destroy();
  await release();
});

async function download(file: string): Promise<string> {
  const response = await app.inject({ method: 'GET', url: `/api/rounds/${publishedDemoRoundId}/export/${file}`, headers });
  expect(response.statusCode).toBe(200);
  const path = join(folder, file);
  writeFileSync(path, response.rawPayload);
  return path;
}

interface Recomputed {
  subdistrictId: string;
  n: number;
  score: number | null;
  se: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  designEffect: number | null;
  effectiveN: number | null;
  rankBest: number | null;
  rankWorst: number | null;
}

describe('the response-level export of the demo round', () => {
  it('recomputes every published sub-district score, n, SE, interval, design effect and rank interval to 0.01', async () => {
    const files = [await download('responses.csv'), await download('codebook.csv'), await download('round.json')];
    const output = execFileSync('python3', [join(process.cwd(), 'scripts/recompute_scores.py'), ...files], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
    const recomputed = (JSON.parse(output) as { subdistricts: Recomputed[] }).subdistricts;
    const api = (await app.inject({ method: 'GET', url: `/api/rounds/${publishedDemoRoundId}/scores?level=subdistrict`, headers })).json().units as UnitScoresAnswer[];
    expect(recomputed.map((unit) => unit.subdistrictId).sort()).toEqual(api.map((unit) => unit.unitId).sort());
    for (const unit of api) {
      const mine = recomputed.find((candidate) => candidate.subdistrictId === unit.unitId)!;
      expect([mine.n, mine.rankBest, mine.rankWorst]).toEqual([unit.n, unit.rankBest, unit.rankWorst]);
      for (const field of ['score', 'se', 'ciLow', 'ciHigh', 'designEffect', 'effectiveN'] as const) {
        expect(Math.abs(mine[field]! - unit[field]!), `${unit.unitId} ${field}`).toBeLessThan(0.01);
      }
    }
    // The design matters here: a recomputation that treated respondents as independent draws would not match.
    expect(api.some((unit) => Math.abs(unit.designEffect! - 1) > 0.05)).toBe(true);
  });
});
