import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { quantileSorted } from 'simple-statistics';
import { hashPassword } from '../../src/server/auth/passwords';
import { openDatabase, type DatabaseTarget } from '../../src/server/db/database';
import { createRepositories } from '../../src/server/repositories';
import type { FinalisedRecord } from '../../src/shared/records';
import type { PushResponse } from '../../src/shared/sync';
import { fullElderlyAnswers, responseRecord } from '../harness/records';
import { startServerProcess, type ServerProcess } from '../harness/server-process';
import { withScratchDatabase } from './scratch-database';

/** Many devices at once, each signing in and pushing small batches. */
const deviceCount = 200;
const batchesPerDevice = 10;
const recordsPerBatch = 20;
const password = 'bench-load-1234';
/** No run may take longer: the bench stops by itself. */
const runTimeoutMs = 10 * 60_000;
const communityIds = ['yijiangmen-c01', 'yijiangmen-c02'];
/**
 * The figure a district comparing tools would hold ours against: ODK Central's published load test,
 * submissions of a 250-question form per second on a 2 GB server. Our submission is one response
 * of the demo elderly questionnaire (its answers counted below), pushed by the field app.
 */
const peer = { name: 'ODK Central', submissionsPerSecond: 41, questionsPerSubmission: 250, server: '2 GB' } as const;

interface Device {
  username: string;
  userId: string;
  communityId: string;
}

/**
 * Workers made directly in the database, each with their own name: sign-in limits count per name,
 * so that 200 devices of one bench never meet them (nor the demo accounts' budget).
 */
async function createWorkers(target: DatabaseTarget): Promise<Device[]> {
  const db = await openDatabase(target);
  try {
    const repos = createRepositories(db, { now: () => new Date(), sessionLifetimeMs: 0 });
    const passwordHash = await hashPassword(password);
    const devices: Device[] = [];
    for (let i = 0; i < deviceCount; i++) {
      const communityId = communityIds[i % communityIds.length]!;
      const username = `bench-load-${String(i).padStart(3, '0')}`;
      const user = await repos.users.create({ username, name: `压测网格员${i}`, role: 'grid_worker', scope: { level: 'community', ids: [communityId] }, passwordHash });
      devices.push({ username, userId: user.id, communityId });
    }
    return devices;
  } finally {
    await db.destroy();
  }
}

export async function timed<T>(latencies: number[], work: () => Promise<T>): Promise<T> {
  const start = performance.now();
  try {
    return await work();
  } finally {
    latencies.push(performance.now() - start);
  }
}

export function summary(latencies: number[]) {
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (p: number) => Math.round(quantileSorted(sorted, p));
  return { p50Ms: at(0.5), p95Ms: at(0.95), p99Ms: at(0.99) };
}

/** What the devices got back: records accepted, and every answer that was not a 200, by status. */
interface DeviceOutcome {
  accepted: number;
  failures: Record<string, number>;
}

function countFailure(outcome: DeviceOutcome, what: string, status: number): void {
  const key = `${what} ${status}`;
  outcome.failures[key] = (outcome.failures[key] ?? 0) + 1;
}

/** One device: sign in, then push its batches one after another, as the field app does. */
async function runDevice(url: string, device: Device, batches: FinalisedRecord[][], pushLatencies: number[], signInLatencies: number[]): Promise<DeviceOutcome> {
  const outcome: DeviceOutcome = { accepted: 0, failures: {} };
  const login = await timed(signInLatencies, () =>
    fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: device.username, password }) }),
  );
  if (!login.ok) {
    countFailure(outcome, 'sign-in', login.status);
    return outcome;
  }
  const { token } = (await login.json()) as { token: string };
  for (const records of batches) {
    const response = await timed(pushLatencies, () =>
      fetch(`${url}/api/sync/push`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ deviceId: `bench-${device.username}`, batchId: randomUUID(), records }),
      }),
    );
    if (!response.ok) countFailure(outcome, 'push', response.status);
    else outcome.accepted += ((await response.json()) as PushResponse).results.filter((r) => r.status === 'accepted').length;
  }
  return outcome;
}

/** Every device at once, spread over the server processes given. */
async function runLoad(urls: readonly string[], devices: readonly Device[]) {
  const work = devices.map((device, d) =>
    Array.from({ length: batchesPerDevice }, (_, b) =>
      Array.from({ length: recordsPerBatch }, (_, r) => responseRecord({ id: device.userId, communityId: device.communityId, deviceId: device.username }, fullElderlyAnswers(d + b + r))),
    ),
  );
  const bytes = JSON.stringify(work[0]![0]).length / recordsPerBatch;
  const pushLatencies: number[] = [];
  const signInLatencies: number[] = [];
  const start = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('load run exceeded its time bound')), runTimeoutMs)));
  try {
    const outcomes = await Promise.race([Promise.all(devices.map((device, d) => runDevice(urls[d % urls.length]!, device, work[d]!, pushLatencies, signInLatencies))), timeout]);
    const seconds = (performance.now() - start) / 1000;
    const records = outcomes.reduce((sum, o) => sum + o.accepted, 0);
    const failures: Record<string, number> = {};
    for (const [key, n] of outcomes.flatMap((o) => Object.entries(o.failures))) failures[key] = (failures[key] ?? 0) + n;
    const result = {
      processes: urls.length,
      devices: devices.length,
      recordBytes: Math.round(bytes),
      acceptedRecords: records,
      seconds: Math.round(seconds * 10) / 10,
      pushResponsesPerSecond: Math.round(pushLatencies.length / seconds),
      recordsPerSecond: Math.round(records / seconds),
      // Every record here is one resident's questionnaire, i.e. one submission in the peer's terms.
      submissionsPerSecond: Math.round(records / seconds),
      questionsPerSubmission: Object.keys(fullElderlyAnswers(0)).length,
      peer,
      push: summary(pushLatencies),
      signIn: summary(signInLatencies),
      failures,
    };
    // Progress on stderr, so that a long bench shows each run as it ends.
    console.error(JSON.stringify(result));
    return result;
  } finally {
    clearTimeout(timer);
  }
}

async function withProcesses<T>(count: number, env: Record<string, string>, work: (servers: ServerProcess[]) => Promise<T>): Promise<T> {
  const servers: ServerProcess[] = [];
  try {
    // One after another: the first seeds the demo data, the others find it.
    for (let i = 0; i < count; i++) servers.push(await startServerProcess(env));
    return await work(servers);
  } finally {
    for (const server of servers) await server.close();
  }
}

function postgresRun(connectionString: string, processes: number) {
  return withScratchDatabase(connectionString, 'gulou_load', (url) =>
    withProcesses(processes, { DATABASE_URL: url }, async (servers) => runLoad(servers.map((s) => s.url), await createWorkers({ kind: 'postgres', connectionString: url }))),
  );
}

/**
 * The load section of `npm run bench`: 200 devices against one server process on SQLite, one on
 * PostgreSQL and two on one PostgreSQL (BENCH_DATABASE_URL or TEST_DATABASE_URL), over loopback.
 */
export async function loadBenchmarks() {
  const sqlite = await withProcesses(1, {}, async ([server]) => runLoad([server!.url], await createWorkers({ kind: 'sqlite', dataDir: server!.dataDir })));
  // Two processes on one SQLite file: WAL lets them share it, its single writer makes them take turns.
  const sharedDir = mkdtempSync(join(tmpdir(), 'gulou-load-'));
  const sqliteTwoProcesses = await withProcesses(2, { DATA_DIR: sharedDir }, async (servers) =>
    runLoad(servers.map((s) => s.url), await createWorkers({ kind: 'sqlite', dataDir: sharedDir })),
  ).finally(() => rmSync(sharedDir, { recursive: true, force: true }));
  const connectionString = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (!connectionString) return { sqlite, sqliteTwoProcesses, postgres: { skipped: 'set BENCH_DATABASE_URL=postgres://… to measure PostgreSQL' } };
  return {
    sqlite,
    sqliteTwoProcesses,
    postgresOneProcess: await postgresRun(connectionString, 1),
    postgresTwoProcesses: await postgresRun(connectionString, 2),
  };
}

// `tsx scripts/bench/load.ts` runs this section alone.
if (process.argv[1] && join(process.argv[1]) === join(import.meta.dirname, 'load.ts')) {
  console.log(JSON.stringify(await loadBenchmarks(), null, 2));
}
