import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { fullElderlyAnswers } from '../harness/records';
import { startServerProcess, type ServerProcess } from '../harness/server-process';
import { openDatabase, type DatabaseTarget } from '../../src/server/db/database';
import { onlineAuthor, onlineLinksSchema, type OnlineSubmission } from '../../src/shared/online';
import { summary } from './load';
import { onlinePageWeight } from './online-page';
import { withScratchDatabase } from './scratch-database';

/**
 * Issue 11 acceptance 4: residents answering from QR codes, 5,000 within one minute from distinct
 * phones (tokens) and addresses, spread over the district's 120 communities, against one server
 * process; then a share of them sent again, as a phone that lost the reply would. Arrivals follow
 * a schedule spread evenly over the minute, and each latency counts from the resident's arrival,
 * so time spent waiting for a connection counts too. Target: every answer stored once (checked in
 * the database: one token row, one record and one change each), p95 under 300 ms.
 * ONLINE_BENCH_RESIDENTS sets a smaller run; on PostgreSQL too with BENCH_DATABASE_URL or
 * TEST_DATABASE_URL.
 */
const residents = Number(process.env.ONLINE_BENCH_RESIDENTS ?? 5000);
const windowMs = 60_000;
const replayShare = 0.05;
const p95TargetMs = 300;
const roundId = '2026-H1';
/** A resident whose answer takes longer than this has given up (the page sends again later). */
const requestTimeoutMs = 30_000;
/**
 * Connections kept open to the server, as a reverse proxy in front of it keeps them (the bench
 * sends X-Forwarded-For as that proxy would); without a bound, a slow moment opens thousands.
 */
const proxyConnections = 64;

function submission(i: number): OnlineSubmission {
  const finished = Date.now();
  return {
    submissionId: uuidv7(),
    deviceToken: randomBytes(16).toString('base64url'),
    questionnaireId: 'resident-elderly',
    questionnaireVersion: 1,
    startedAt: new Date(finished - 180_000).toISOString(),
    finishedAt: new Date(finished).toISOString(),
    answers: fullElderlyAnswers(i),
  };
}

async function supervisorToken(url: string): Promise<string> {
  const login = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'demo-supervisor', password: 'demo1234' }) });
  return ((await login.json()) as { token: string }).token;
}

/** Every community of the open round, as its posters link them. */
async function communityIds(url: string, token: string): Promise<string[]> {
  const links = await fetch(`${url}/api/rounds/${roundId}/online-links`, { headers: { authorization: `Bearer ${token}` } });
  return onlineLinksSchema.parse(await links.json()).communities.map((community) => community.id);
}

/** One POST through the proxy's connection pool; resolves with the status, or 'unanswered'. */
function post(agent: Agent, url: URL, address: string, body: string): Promise<string> {
  return new Promise((resolve) => {
    const sent = request(url, { method: 'POST', agent, timeout: requestTimeoutMs, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'x-forwarded-for': address } }, (response) => {
      response.resume();
      response.on('end', () => resolve(String(response.statusCode)));
      response.on('error', () => resolve('unanswered'));
    });
    sent.on('timeout', () => sent.destroy());
    sent.on('error', () => resolve('unanswered'));
    sent.end(body);
  });
}

async function runResidents(baseUrl: string, communities: readonly string[]) {
  const agent = new Agent({ keepAlive: true, maxSockets: proxyConnections });
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const send = async (i: number, body: string, arrival: number) => {
    const communityId = communities[i % communities.length]!;
    // One address per resident, as the proxy in front of the server reports it (TRUST_PROXY=1).
    const address = `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
    const status = await post(agent, new URL(`/api/online/rounds/${roundId}/communities/${communityId}/responses`, baseUrl), address, body);
    latencies.push(performance.now() - arrival);
    statuses[status] = (statuses[status] ?? 0) + 1;
  };
  const submissions = Array.from({ length: residents }, (_, i) => submission(i));
  const bodies = submissions.map((body) => JSON.stringify(body));
  const start = performance.now();
  // Arrivals spread evenly over the minute, each resident sending without waiting for the others.
  await Promise.all(
    bodies.map(
      (body, i) =>
        new Promise<void>((resolve) =>
          setTimeout(() => {
            void send(i, body, performance.now()).then(resolve);
          }, (i * windowMs) / residents),
        ),
    ),
  );
  const seconds = (performance.now() - start) / 1000;
  const first = { ...statuses };
  const firstLatency = summary(latencies);
  const replays = bodies.slice(0, Math.round(residents * replayShare));
  for (const key of Object.keys(statuses)) delete statuses[key];
  await Promise.all(replays.map((body, i) => send(i, body, performance.now())));
  agent.destroy();
  return {
    submissionIds: submissions.map((body) => body.submissionId),
    result: { seconds: Math.round(seconds * 10) / 10, submissionsPerSecond: Math.round(residents / seconds), statuses: first, latency: firstLatency, replayed: replays.length, replayStatuses: { ...statuses } },
  };
}

/** How many of the sent submissions the database holds, and whether each is there exactly once. */
async function storedOnce(target: DatabaseTarget, submissionIds: readonly string[]) {
  const db = await openDatabase(target);
  try {
    const tokens = await db.selectFrom('online_submissions').select('submission_id').where('round_id', '=', roundId).execute();
    const records = await db.selectFrom('records').select('id').where('author_id', '=', onlineAuthor.authorId).execute();
    const changes = await db.selectFrom('changes').select('entity_id').where('user_id', '=', onlineAuthor.authorId).where('kind', '=', 'response').execute();
    const sent = new Set(submissionIds);
    const countSent = (ids: string[]) => ids.filter((id) => sent.has(id)).length;
    const stored = countSent(tokens.map((row) => row.submission_id));
    const once = stored === countSent(records.map((row) => row.id)) && stored === countSent(changes.map((row) => row.entity_id)) && tokens.length === records.length && records.length === changes.length;
    return { stored, storedOnce: once };
  } finally {
    await db.destroy();
  }
}

/**
 * CPU time the server process has used, in ms (Linux: utime + stime of /proc/PID/stat, in ticks of
 * 10 ms): unlike latency, it hardly depends on how busy the shared machine is.
 */
function serverCpuMs(server: ServerProcess): number | undefined {
  try {
    const fields = readFileSync(`/proc/${server.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

async function loadRun(server: ServerProcess, target: DatabaseTarget) {
  const token = await supervisorToken(server.url);
  const communities = await communityIds(server.url, token);
  const loadBefore = loadavg()[0]!;
  const cpuBefore = serverCpuMs(server);
  const run = await runResidents(server.url, communities);
  const cpuAfter = serverCpuMs(server);
  const { stored, storedOnce: once } = await storedOnce(target, run.submissionIds);
  const allStoredOnce = stored === residents && once;
  const load = {
    residents,
    communities: communities.length,
    ...run.result,
    stored,
    allStoredOnce,
    p95TargetMs,
    withinTarget: allStoredOnce && run.result.latency.p95Ms < p95TargetMs,
    // What one submission (and its share of the replays) costs the server, whatever the load.
    serverCpuMsPerSubmission: cpuBefore === undefined || cpuAfter === undefined ? undefined : Math.round(((cpuAfter - cpuBefore) / (residents + run.result.replayed)) * 100) / 100,
    // The machine is shared: its one-minute load average before and after the run says how much.
    loadAverage: { before: Math.round(loadBefore * 100) / 100, after: Math.round(loadavg()[0]! * 100) / 100 },
  };
  console.error(JSON.stringify(load));
  return load;
}

async function sqliteRun() {
  const server = await startServerProcess({ TRUST_PROXY: '1' });
  try {
    return await loadRun(server, { kind: 'sqlite', dataDir: server.dataDir });
  } finally {
    await server.close();
  }
}

function postgresRun(connectionString: string) {
  return withScratchDatabase(connectionString, 'gulou_online', async (url) => {
    const server = await startServerProcess({ TRUST_PROXY: '1', DATABASE_URL: url });
    try {
      return await loadRun(server, { kind: 'postgres', connectionString: url });
    } finally {
      await server.close();
    }
  });
}

/** The load run on SQLite, and on PostgreSQL when BENCH_DATABASE_URL or TEST_DATABASE_URL names one. */
async function loadRuns() {
  const connectionString = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  return {
    load: await sqliteRun(),
    loadPostgres: connectionString ? await postgresRun(connectionString) : { skipped: 'set BENCH_DATABASE_URL=postgres://… to measure PostgreSQL' },
  };
}

/** The online section of `npm run bench`: the resident's page weight, and the load runs. */
export async function onlineBenchmarks() {
  const page = await onlinePageWeight();
  return {
    page: { jsGzipBytes: page.jsGzipBytes, cssGzipBytes: page.cssGzipBytes, totalGzipKb: page.totalGzipKb, targetKb: page.targetKb, withinTarget: page.withinTarget, loadsFieldApp: page.loadsFieldApp, loadsOfficePages: page.loadsOfficePages, loadsChartJs: page.loadsChartJs },
    ...(await loadRuns()),
  };
}

// `tsx scripts/bench/online.ts` runs this section alone; with `--load-only`, without the page (no build needed).
if (process.argv[1] && join(process.argv[1]) === join(import.meta.dirname, 'online.ts')) {
  console.log(JSON.stringify(process.argv.includes('--load-only') ? await loadRuns() : await onlineBenchmarks(), null, 2));
}
