import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jStat from 'jstat';
import pg from 'pg';
import { buildApp } from '../../src/server/app';
import { openDatabase, type Database, type DatabaseTarget } from '../../src/server/db/database';
import { seededRandom, syntheticResponse } from '../../src/server/demo/responses';
import { syntheticCommunities } from '../../src/server/demo/seed';
import { seedDemoData } from '../../src/server/demo/seed';
import { createRepositories } from '../../src/server/repositories';
import { insertGeneratedResponses } from '../../src/server/repositories/bulk-responses';
import { useSha256 } from '../../src/shared/hashing';
import { defaultQuestionnaires } from '../../src/server/demo/templates';
import { roundUnitScores } from '../../src/shared/rounds/scores';
import { defaultScoringSettings } from '../../src/shared/scoring/settings';

useSha256((bytes) => createHash('sha256').update(bytes).digest());

const roundId = '2030-H1';
/** Responses generated and stored per transaction: bounds memory whatever the total. */
const chunk = 10_000;
const dashboardRequests = 40;

function elapsedMs(start: number): number {
  return Math.round(performance.now() - start);
}

/** Generates `count` responses over the 120 communities and stores them, chunk by chunk, as if pushed. */
async function ingest(db: Database, count: number): Promise<number> {
  const communities = syntheticCommunities();
  const random = seededRandom(7);
  const start = performance.now();
  for (let done = 0; done < count; done += chunk) {
    const records = Array.from({ length: Math.min(chunk, count - done) }, (_, i) => {
      const index = done + i;
      const definition = defaultQuestionnaires[index % defaultQuestionnaires.length]!;
      const channel = index % 4 === 0 ? 'field' : 'online';
      return syntheticResponse({ community: communities[index % communities.length]!, definition, channel, roundId, authorId: `bench-${channel}`, targetMean: channel === 'field' ? 95 : 98, finalisedAt: '2030-03-01T00:00:00.000Z' }, random);
    });
    await db.transaction().execute((trx) => insertGeneratedResponses(trx, records, new Date(), `bench-${done}`));
  }
  return elapsedMs(start);
}

async function measure(target: DatabaseTarget, count: number) {
  const db = await openDatabase(target);
  try {
    await seedDemoData(db);
    const repos = createRepositories(db, { now: () => new Date(), sessionLifetimeMs: 3_600_000 });
    await repos.rounds.create(null, roundId, defaultScoringSettings(), { synthetic: true });
    await repos.rounds.transition(null, roundId, 'open');

    const ingestMs = await ingest(db, count);
    let start = performance.now();
    const folded = await repos.scores.fold();
    const foldMs = elapsedMs(start);

    const settings = (await repos.rounds.find(roundId))!.settings;
    const timeScores = async (level: 'subdistrict' | 'community') => {
      const begin = performance.now();
      await repos.scores.fold();
      const { units } = roundUnitScores(await repos.scores.units(roundId, level), settings);
      return { ms: elapsedMs(begin), units: units.length };
    };
    const district = await timeScores('subdistrict');
    const community = await timeScores('community');

    // The dashboard's main request through HTTP handling (inject), after 1,000 more responses arrived.
    await ingestMore(db, 1_000);
    const app = await buildApp({ db });
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'demo-supervisor', password: 'demo1234' } });
    const headers = { authorization: `Bearer ${login.json().token as string}` };
    start = performance.now();
    const first = await app.inject({ method: 'GET', url: `/api/rounds/${roundId}/scores?level=subdistrict`, headers });
    const firstAfterNewMs = elapsedMs(start);
    const latencies: number[] = [];
    for (let i = 0; i < dashboardRequests; i++) {
      const level = i % 2 === 0 ? 'subdistrict' : 'community';
      const begin = performance.now();
      const response = await app.inject({ method: 'GET', url: `/api/rounds/${roundId}/scores?level=${level}`, headers });
      if (response.statusCode !== 200) throw new Error(`scores answered ${response.statusCode}`);
      latencies.push(performance.now() - begin);
    }
    await app.close();
    if (first.statusCode !== 200) throw new Error(`scores answered ${first.statusCode}`);
    return {
      responses: count,
      ingest: { ms: ingestMs, responsesPerSecond: Math.round((count / ingestMs) * 1000) },
      fold: { responses: folded, ms: foldMs, responsesPerSecond: Math.round((folded / Math.max(1, foldMs)) * 1000) },
      districtScores: { ...district, targetMs: 1000 },
      communityScores: { ...community, targetMs: 1000 },
      dashboardApi: { requests: dashboardRequests, p95Ms: Math.round(jStat.percentile(latencies, 0.95)), firstReadAfter1000NewMs: firstAfterNewMs },
    };
  } finally {
    await db.destroy();
  }

  async function ingestMore(database: Database, more: number) {
    const communities = syntheticCommunities();
    const random = seededRandom(8);
    const records = Array.from({ length: more }, (_, i) =>
      syntheticResponse({ community: communities[i % communities.length]!, definition: defaultQuestionnaires[0]!, channel: 'field', roundId, authorId: 'bench-field', targetMean: 95, finalisedAt: '2030-03-02T00:00:00.000Z' }, random),
    );
    await database.transaction().execute((trx) => insertGeneratedResponses(trx, records, new Date(), 'bench-more'));
  }
}

/**
 * Issue 7 acceptance 4 (server part): ingest of generated responses straight into the database,
 * the incremental fold, then district and community scores and the scores API's p95, on SQLite and
 * (with BENCH_DATABASE_URL or TEST_DATABASE_URL) PostgreSQL in a scratch schema.
 * BENCH_SCORES_RESPONSES sets the count (1,000,000 by default).
 */
export async function scoresBenchmarks() {
  const count = Number(process.env.BENCH_SCORES_RESPONSES ?? 1_000_000);
  const dataDir = mkdtempSync(join(tmpdir(), 'gulou-bench-scores-'));
  let sqlite;
  try {
    sqlite = await measure({ kind: 'sqlite', dataDir }, count);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  const connectionString = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (!connectionString) return { sqlite, postgres: { skipped: 'set BENCH_DATABASE_URL=postgres://… to measure PostgreSQL' } };
  const schema = `bench_${randomUUID().replaceAll('-', '')}`;
  const admin = new pg.Client({ connectionString });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  try {
    return { sqlite, postgres: await measure({ kind: 'postgres', connectionString, schema }, count) };
  } finally {
    await admin.query(`drop schema ${schema} cascade`);
    await admin.end();
  }
}
