import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jStat from 'jstat';
import { v7 as uuidv7 } from 'uuid';
import { buildApp } from '../../src/server/app';
import { openDatabase, type Database } from '../../src/server/db/database';
import { publishedDemoRoundId } from '../../src/server/demo/history';
import { seedDemoData, syntheticCommunities } from '../../src/server/demo/seed';
import { createRepositories } from '../../src/server/repositories';
import { defaultCasePageSize, maxCasePageSize } from '../../src/shared/cases/api';
import { caseCategories } from '../../src/shared/cases/categories';
import { caseStates } from '../../src/shared/cases/machine';
import { useSha256 } from '../../src/shared/hashing';
import pg from 'pg';

useSha256((bytes) => createHash('sha256').update(bytes).digest());

const requestsPerQuery = 20;
const insertChunk = 500;

function elapsedMs(start: number): number {
  return Math.round(performance.now() - start);
}

/** The negative list of the demo round (2025-H2, about 35,000 responses): built once, then rebuilt in place. */
async function negativeListBuild(db: Database) {
  await seedDemoData(db, () => new Date(), { publishedRound: true });
  const repos = createRepositories(db, { now: () => new Date(), sessionLifetimeMs: 3_600_000 });
  const round = (await repos.rounds.find(publishedDemoRoundId))!;
  let start = performance.now();
  const built = await repos.cases.buildNegativeItems(round.summary.id, round.settings.dissatisfiedOptionIds);
  const buildMs = elapsedMs(start);
  start = performance.now();
  await repos.cases.buildNegativeItems(round.summary.id, round.settings.dissatisfiedOptionIds);
  return { round: round.summary.id, responses: built.responses, items: built.items, buildMs, rebuildMs: elapsedMs(start) };
}

/**
 * `caseCount` cases over the demo's communities, in every state, a third overdue, then the list
 * API as the office page asks it (HTTP handling through inject): the first page, filtered pages, the
 * last page, the home badge, and the export of every case; and the largest page the API allows.
 */
async function caseListQueries(db: Database, caseCount: number) {
  const communities = syntheticCommunities();
  const at = new Date().toISOString();
  const rows = Array.from({ length: caseCount }, (_, i) => {
    const community = communities[i % communities.length]!;
    const due = new Date(Date.UTC(2026, 0, 1 + (i % 365))).toISOString().slice(0, 10);
    return {
      id: uuidv7(), round_id: publishedDemoRoundId, title: `案件 ${i}`, category: caseCategories[i % caseCategories.length]!, state: caseStates[i % caseStates.length]!,
      subdistrict_id: community.subdistrictId, community_ids: JSON.stringify([community.id]), department_id: null, due_on: due,
      created_at: at, updated_at: at, assigned_at: at, reported_fixed_at: null, department_accepted_at: null, closed_at: null,
    };
  });
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < rows.length; i += insertChunk) await trx.insertInto('cases').values(rows.slice(i, i + insertChunk)).execute();
  });

  const app = await buildApp({ db });
  try {
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'demo-supervisor', password: 'demo1234' } });
    const headers = { authorization: `Bearer ${login.json().token as string}` };
    const queries = {
      firstPage: '/api/cases',
      inProgress: '/api/cases?state=in_progress',
      overdue: '/api/cases?overdue=true',
      categoryDueBefore: '/api/cases?category=property_management&dueBefore=2026-06-30',
      community: `/api/cases?communityId=${communities[0]!.id}`,
      lastPage: `/api/cases?offset=${Math.max(0, caseCount - defaultCasePageSize)}`,
      badge: '/api/cases/badge',
      // The largest page the API gives (not what the office page asks for): reported, outside the target.
      largestPage: `/api/cases?offset=${Math.max(0, caseCount - maxCasePageSize)}&limit=${maxCasePageSize}`,
    };
    const timed: Record<string, { p50Ms: number; p95Ms: number; cases?: number; total?: number }> = {};
    for (const [name, url] of Object.entries(queries)) {
      const latencies: number[] = [];
      let body: { cases?: unknown[]; total?: number } = {};
      for (let i = 0; i < requestsPerQuery; i++) {
        const begin = performance.now();
        const response = await app.inject({ method: 'GET', url, headers });
        if (response.statusCode !== 200) throw new Error(`${url} answered ${response.statusCode}`);
        latencies.push(performance.now() - begin);
        body = response.json();
      }
      timed[name] = { p50Ms: Number(jStat.percentile(latencies, 0.5).toFixed(1)), p95Ms: Number(jStat.percentile(latencies, 0.95).toFixed(1)), ...(body.cases ? { cases: body.cases.length, total: body.total! } : {}) };
    }
    const begin = performance.now();
    const csv = await app.inject({ method: 'GET', url: '/api/cases/export.csv', headers });
    const exportMs = elapsedMs(begin);
    const exportedRows = csv.body.trim().split('\n').length - 1;
    const worstP95 = Math.max(...Object.entries(timed).flatMap(([name, t]) => (name === 'largestPage' ? [] : [t.p95Ms])));
    return { cases: caseCount, requestsPerQuery, pageSize: defaultCasePageSize, queries: timed, exportCsv: { rows: exportedRows, ms: exportMs }, targetMs: 200, listPagesWithinTarget: worstP95 < 200 };
  } finally {
    await app.close();
  }
}

/**
 * Issue 8 acceptance 4: building the negative list of the demo round and a list page over 10,000
 * cases (BENCH_CASES), on SQLite and (with BENCH_DATABASE_URL or TEST_DATABASE_URL) on PostgreSQL
 * in a scratch database. Target: under 200 ms for a list page.
 */
export async function casesBenchmarks() {
  const caseCount = Number(process.env.BENCH_CASES ?? 10_000);
  const dataDir = mkdtempSync(join(tmpdir(), 'gulou-bench-cases-'));
  const sqliteDb = await openDatabase({ kind: 'sqlite', dataDir });
  let sqlite;
  try {
    sqlite = { negativeList: await negativeListBuild(sqliteDb), caseList: await caseListQueries(sqliteDb, caseCount) };
  } finally {
    await sqliteDb.destroy();
    rmSync(dataDir, { recursive: true, force: true });
  }
  const connectionString = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (!connectionString) return { sqlite, postgres: { skipped: 'set BENCH_DATABASE_URL=postgres://… to measure PostgreSQL' } };
  // A scratch schema, as the scores bench uses: dropped afterwards without ending anyone's connection.
  const schema = `bench_cases_${randomUUID().replaceAll('-', '')}`;
  const admin = new pg.Client({ connectionString });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  let postgres;
  try {
    const db = await openDatabase({ kind: 'postgres', connectionString, schema });
    try {
      // The list needs the demo's organisation and accounts, not its 35,000-response round.
      await seedDemoData(db, () => new Date(), { publishedRound: false });
      postgres = { caseList: await caseListQueries(db, caseCount) };
    } finally {
      await db.destroy();
    }
  } finally {
    await admin.query(`drop schema ${schema} cascade`);
    await admin.end();
  }
  return { sqlite, postgres };
}

// `tsx scripts/bench/cases.ts` runs this section alone.
if (process.argv[1] && join(process.argv[1]) === join(import.meta.dirname, 'cases.ts')) {
  console.log(JSON.stringify(await casesBenchmarks(), null, 2));
}
