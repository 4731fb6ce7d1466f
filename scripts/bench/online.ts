import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { fullElderlyAnswers } from '../harness/records';
import { startServerProcess } from '../harness/server-process';
import { onlineLinksSchema, type OnlineSubmission } from '../../src/shared/online';
import { roundDetailSchema } from '../../src/shared/rounds/api';
import { summary, timed } from './load';
import { onlinePageWeight } from './online-page';

/**
 * Issue 11 acceptance 4: residents answering from QR codes, 5,000 within one minute from distinct
 * phones (tokens) and addresses, spread over the district's 120 communities, against one server
 * process on SQLite; then a share of them sent again, as a phone that lost the reply would. Target:
 * every answer stored once, p95 under 300 ms. ONLINE_BENCH_RESIDENTS sets a smaller run.
 */
const residents = Number(process.env.ONLINE_BENCH_RESIDENTS ?? 5000);
const windowMs = 60_000;
const replayShare = 0.05;
const p95TargetMs = 300;
const roundId = '2026-H1';

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

/** Round 2026-H1's responses folded into the scores, as the office counts them. */
async function receivedResponses(url: string, token: string): Promise<number> {
  const detail = await fetch(`${url}/api/rounds/${roundId}`, { headers: { authorization: `Bearer ${token}` } });
  return roundDetailSchema.parse(await detail.json()).counts.received;
}

/** Every community of the open round, as its posters link them. */
async function communityIds(url: string, token: string): Promise<string[]> {
  const links = await fetch(`${url}/api/rounds/${roundId}/online-links`, { headers: { authorization: `Bearer ${token}` } });
  return onlineLinksSchema.parse(await links.json()).communities.map((community) => community.id);
}

async function runResidents(url: string, communities: readonly string[]) {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const send = async (i: number, body: OnlineSubmission) => {
    const communityId = communities[i % communities.length]!;
    try {
      const response = await timed(latencies, () =>
        fetch(`${url}/api/online/rounds/${roundId}/communities/${communityId}/responses`, {
          method: 'POST',
          // One address per resident, as a proxy in front of the server reports it (TRUST_PROXY=1).
          headers: { 'content-type': 'application/json', 'x-forwarded-for': `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}` },
          body: JSON.stringify(body),
        }),
      );
      statuses[response.status] = (statuses[response.status] ?? 0) + 1;
      await response.arrayBuffer();
    } catch {
      // Refused or timed out before an answer: a resident whose phone would send again later.
      statuses.unanswered = (statuses.unanswered ?? 0) + 1;
    }
  };
  const bodies = Array.from({ length: residents }, (_, i) => submission(i));
  const start = performance.now();
  // Arrivals spread evenly over the minute, each resident sending without waiting for the others.
  await Promise.all(bodies.map((body, i) => new Promise<void>((resolve, reject) => setTimeout(() => send(i, body).then(resolve, reject), (i * windowMs) / residents))));
  const seconds = (performance.now() - start) / 1000;
  const first = { ...statuses };
  const replays = bodies.slice(0, Math.round(residents * replayShare));
  for (const key of Object.keys(statuses)) delete statuses[key];
  await Promise.all(replays.map((body, i) => send(i, body)));
  return { seconds: Math.round(seconds * 10) / 10, submissionsPerSecond: Math.round(residents / seconds), statuses: first, replayed: replays.length, replayStatuses: { ...statuses }, latency: summary(latencies) };
}

/** The online section of `npm run bench`: the resident's page weight, and the load run. */
export async function onlineBenchmarks() {
  const page = await onlinePageWeight();
  const server = await startServerProcess({ TRUST_PROXY: '1' });
  try {
    const token = await supervisorToken(server.url);
    const before = await receivedResponses(server.url, token);
    const communities = await communityIds(server.url, token);
    const run = await runResidents(server.url, communities);
    const stored = (await receivedResponses(server.url, token)) - before;
    const load = { residents, communities: communities.length, ...run, stored, allStoredOnce: stored === residents, p95TargetMs, withinTarget: stored === residents && run.latency.p95Ms < p95TargetMs };
    console.error(JSON.stringify(load));
    return { page: { jsGzipBytes: page.jsGzipBytes, cssGzipBytes: page.cssGzipBytes, totalGzipKb: page.totalGzipKb, targetKb: page.targetKb, withinTarget: page.withinTarget, loadsFieldApp: page.loadsFieldApp, loadsOfficePages: page.loadsOfficePages, loadsChartJs: page.loadsChartJs }, load };
  } finally {
    await server.close();
  }
}

// `tsx scripts/bench/online.ts` runs this section alone.
if (process.argv[1] && join(process.argv[1]) === join(import.meta.dirname, 'online.ts')) {
  console.log(JSON.stringify(await onlineBenchmarks(), null, 2));
}
