import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jStat from 'jstat';
import { v7 as uuidv7 } from 'uuid';
import { buildApp } from '../../src/server/app';
import { openDatabase } from '../../src/server/db/database';
import { publishedDemoRoundId } from '../../src/server/demo/history';
import { seedDemoData, syntheticCommunities } from '../../src/server/demo/seed';
import { createRepositories } from '../../src/server/repositories';
import type { Case } from '../../src/shared/cases/api';
import { caseCategories } from '../../src/shared/cases/categories';
import { filterCases } from '../../src/shared/cases/list';
import { caseStates } from '../../src/shared/cases/machine';
import { useSha256 } from '../../src/shared/hashing';

useSha256((bytes) => createHash('sha256').update(bytes).digest());

const listRequests = 20;
const insertChunk = 500;

function elapsedMs(start: number): number {
  return Math.round(performance.now() - start);
}

/**
 * Issue 8 acceptance 4: building the negative list of the demo round (2025-H2, about 35,000
 * responses) and a list page over 10,000 cases (BENCH_CASES): the cases API through HTTP handling
 * (inject) and the page's own filtering and sorting. Target: under 200 ms for a list page.
 */
export async function casesBenchmarks() {
  const caseCount = Number(process.env.BENCH_CASES ?? 10_000);
  const dataDir = mkdtempSync(join(tmpdir(), 'gulou-bench-cases-'));
  const db = await openDatabase({ kind: 'sqlite', dataDir });
  try {
    await seedDemoData(db, () => new Date(), { publishedRound: true });
    const repos = createRepositories(db, { now: () => new Date(), sessionLifetimeMs: 3_600_000 });
    const round = (await repos.rounds.find(publishedDemoRoundId))!;
    let start = performance.now();
    const built = await repos.cases.buildNegativeItems(round.summary.id, round.settings.dissatisfiedOptionIds);
    const buildMs = elapsedMs(start);
    start = performance.now();
    await repos.cases.buildNegativeItems(round.summary.id, round.settings.dissatisfiedOptionIds);
    const rebuildMs = elapsedMs(start);

    // 10,000 cases over the communities, in every state, some overdue, stored as triage would leave them.
    const communities = syntheticCommunities();
    const at = new Date().toISOString();
    const rows = Array.from({ length: caseCount }, (_, i) => {
      const community = communities[i % communities.length]!;
      const due = new Date(Date.UTC(2026, 0, 1 + (i % 365))).toISOString().slice(0, 10);
      return {
        id: uuidv7(), round_id: round.summary.id, title: `案件 ${i}`, category: caseCategories[i % caseCategories.length]!, state: caseStates[i % caseStates.length]!,
        subdistrict_id: community.subdistrictId, community_ids: JSON.stringify([community.id]), department_id: null, due_on: due,
        created_at: at, updated_at: at, assigned_at: at, reported_fixed_at: null, department_accepted_at: null, closed_at: null,
      };
    });
    await db.transaction().execute(async (trx) => {
      for (let i = 0; i < rows.length; i += insertChunk) await trx.insertInto('cases').values(rows.slice(i, i + insertChunk)).execute();
    });

    const app = await buildApp({ db });
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'demo-supervisor', password: 'demo1234' } });
    const headers = { authorization: `Bearer ${login.json().token as string}` };
    const latencies: number[] = [];
    let cases: Case[] = [];
    for (let i = 0; i < listRequests; i++) {
      const begin = performance.now();
      const response = await app.inject({ method: 'GET', url: '/api/cases', headers });
      if (response.statusCode !== 200) throw new Error(`cases answered ${response.statusCode}`);
      cases = response.json().cases;
      latencies.push(performance.now() - begin);
    }
    await app.close();

    const pageTimes: number[] = [];
    const filters = [{}, { state: 'in_progress' }, { overdueOnly: true }, { category: 'property_management', dueBefore: '2026-06-30' }, { communityId: communities[0]!.id }];
    for (let i = 0; i < listRequests; i++) {
      const begin = performance.now();
      filterCases(cases, filters[i % filters.length]!);
      pageTimes.push(performance.now() - begin);
    }
    return {
      negativeList: { round: round.summary.id, responses: built.responses, items: built.items, buildMs, rebuildMs },
      caseList: {
        cases: cases.length,
        api: { requests: listRequests, p50Ms: Math.round(jStat.percentile(latencies, 0.5)), p95Ms: Math.round(jStat.percentile(latencies, 0.95)) },
        filterAndSort: { p95Ms: Number(jStat.percentile(pageTimes, 0.95).toFixed(1)) },
        targetMs: 200,
      },
    };
  } finally {
    await db.destroy();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
