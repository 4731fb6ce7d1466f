import { randomBytes } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { afterEach, describe, expect, it } from 'vitest';
import { fullElderlyAnswers, responseRecord } from '../../scripts/harness/records';
import type { OnlineSubmission } from '../../src/shared/online';
import { defaultOnlineLimits, type OnlineLimits } from '../../src/server/routes/online';
import { loginAs, pushRecords, startTestApp, type TestServer } from '../helpers/server/server';

let server: TestServer;
afterEach(() => server.close());

const roundId = '2026-H1';
const communityId = 'yijiangmen-c01';
const submitUrl = `/api/online/rounds/${roundId}/communities/${communityId}/responses`;

function deviceToken(): string {
  return randomBytes(16).toString('base64url');
}

function submission(overrides: Partial<OnlineSubmission> = {}): OnlineSubmission {
  return {
    submissionId: uuidv7(),
    deviceToken: deviceToken(),
    questionnaireId: 'resident-elderly',
    questionnaireVersion: 1,
    startedAt: '2026-03-02T09:00:00.000Z',
    finishedAt: '2026-03-02T09:03:00.000Z',
    answers: fullElderlyAnswers(1),
    ...overrides,
  };
}

async function start(limits: Partial<OnlineLimits> = {}) {
  server = await startTestApp({ onlineLimits: { ...defaultOnlineLimits, ...limits } });
}

function submit(payload: unknown, options: { url?: string; remoteAddress?: string; token?: string } = {}) {
  return server.app.inject({
    method: 'POST',
    url: options.url ?? submitUrl,
    payload: payload as object,
    ...(options.remoteAddress ? { remoteAddress: options.remoteAddress } : {}),
    ...(options.token ? { headers: { authorization: `Bearer ${options.token}` } } : {}),
  });
}

async function storedOnline() {
  const records = await server.db.selectFrom('records').select(['id', 'data', 'author_id', 'community_id']).where('author_id', '=', 'online-resident').execute();
  const tokens = await server.db.selectFrom('online_submissions').selectAll().execute();
  const changes = await server.db.selectFrom('changes').select(['entity_id', 'user_id']).where('user_id', '=', 'online-resident').execute();
  return { records, tokens, changes };
}

interface CommunityScores {
  unitId: string;
  score: number | null;
  cells: Array<{ channel: string; audience: string; n: number }>;
  channels: Array<{ channel: string; weight: number; n: number; score: number | null }>;
}

/** The community as the office's score page reads it (folding what arrived first). */
async function communityScores(): Promise<CommunityScores> {
  const { body } = await loginAs(server.app, 'demo-supervisor');
  const scores = await server.app.inject({ method: 'GET', url: `/api/rounds/${roundId}/scores?level=community&subdistrictId=yijiangmen`, headers: { authorization: `Bearer ${body.token}` } });
  return (scores.json().units as CommunityScores[]).find((u) => u.unitId === communityId)!;
}

/**
 * The community's scores once each channel counts `n` responses, read again for up to 10 s: on
 * PostgreSQL the fold takes only changes below the cluster's snapshot horizon, which a transaction
 * still open in another test file's schema holds back for a while.
 */
async function communityScoresCounting(n: { field: number; online: number }): Promise<CommunityScores> {
  for (let attempt = 1; ; attempt += 1) {
    const unit = await communityScores();
    const counted = (channel: string) => unit.channels.find((c) => c.channel === channel)?.n;
    if ((counted('field') === n.field && counted('online') === n.online) || attempt === 50) return unit;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function communityCells() {
  return (await communityScores()).cells;
}

describe('GET /api/online/rounds/{roundId}/communities/{communityId}', () => {
  it('gives an open round’s page the community and the newest questionnaire of each audience', async () => {
    await start();
    const response = await server.app.inject({ method: 'GET', url: `/api/online/rounds/${roundId}/communities/${communityId}` });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({ roundId, open: true, community: { id: communityId, subdistrictId: 'yijiangmen' }, minimumAnsweringMs: defaultOnlineLimits.minimumAnsweringMs });
    expect(body.questionnaires.map((q: { audience: string }) => q.audience).sort()).toEqual(['adult', 'elderly', 'work_unit']);
  });

  it('answers 404 for an unknown community or round', async () => {
    await start();
    expect((await server.app.inject({ method: 'GET', url: `/api/online/rounds/${roundId}/communities/nowhere-c99` })).statusCode).toBe(404);
    expect((await server.app.inject({ method: 'GET', url: `/api/online/rounds/2031-H1/communities/${communityId}` })).statusCode).toBe(404);
  });
});

describe('POST /api/online/rounds/{roundId}/communities/{communityId}/responses', () => {
  it('stores a response with channel online that the community’s online cell counts', async () => {
    await start();
    const sent = submission();
    const response = await submit(sent);
    expect(response.statusCode).toBe(201);
    expect(response.json()).toEqual({ submissionId: sent.submissionId, status: 'accepted' });

    const { records, tokens, changes } = await storedOnline();
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ id: sent.submissionId, community_id: communityId });
    expect(JSON.parse(records[0]!.data)).toMatchObject({ channel: 'online', roundId, communityId, audience: 'elderly', authorId: 'online-resident', deviceId: 'online' });
    expect(changes).toEqual([{ entity_id: sent.submissionId, user_id: 'online-resident' }]);
    // The token is kept only as a hash.
    expect(tokens[0]!.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(tokens)).not.toContain(sent.deviceToken);

    expect(await communityCells()).toEqual([expect.objectContaining({ channel: 'online', audience: 'elderly', n: 1 })]);
  });

  it('shows online and field side by side, each from its own cells, and combines them with the round’s channel weights', async () => {
    await start();
    const worker = await loginAs(server.app, 'demo-worker');
    const field = [responseRecord({ id: worker.body.user.id, communityId }, fullElderlyAnswers(3)), responseRecord({ id: worker.body.user.id, communityId }, fullElderlyAnswers(4))];
    const { results } = await pushRecords(server.app, worker.body.token, field, 'field-batch');
    expect(results.map((r) => r.status)).toEqual(['accepted', 'accepted']);
    for (const i of [0, 1]) expect((await submit(submission({ answers: fullElderlyAnswers(i) }))).statusCode).toBe(201);

    const unit = await communityScoresCounting({ field: 2, online: 2 });
    const [fieldPart, onlinePart] = [unit.channels.find((c) => c.channel === 'field')!, unit.channels.find((c) => c.channel === 'online')!];
    expect([fieldPart.n, onlinePart.n]).toEqual([2, 2]);
    expect([fieldPart.weight, onlinePart.weight]).toEqual([0.6, 0.4]);
    expect(fieldPart.score).not.toBeNull();
    expect(onlinePart.score).not.toBeNull();
    expect(fieldPart.score).not.toBeCloseTo(onlinePart.score!, 3);
    // One audience in each channel: the unit's score is the channels' weighted mean.
    expect(unit.score).toBeCloseTo(0.6 * fieldPart.score! + 0.4 * onlinePart.score!, 6);
  });

  it('stores a replayed submission once, even when the copies arrive together', async () => {
    await start();
    const sent = submission();
    const answers = await Promise.all([submit(sent), submit(sent), submit(sent)]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 200, 201]);
    expect(answers.map((a) => a.json().status).sort()).toEqual(['accepted', 'duplicate', 'duplicate']);
    const again = await submit(sent);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual({ submissionId: sent.submissionId, status: 'duplicate' });
    const { records, tokens, changes } = await storedOnline();
    expect([records.length, tokens.length, changes.length]).toEqual([1, 1, 1]);
    expect(await communityCells()).toEqual([expect.objectContaining({ channel: 'online', n: 1 })]);
  });

  it('refuses a second response from the same device token in the round, also when both race', async () => {
    await start();
    const token = deviceToken();
    expect((await submit(submission({ deviceToken: token }))).statusCode).toBe(201);
    const second = await submit(submission({ deviceToken: token, answers: fullElderlyAnswers(2) }));
    expect(second.statusCode).toBe(409);
    expect(second.json()).toEqual({ error: { code: 'already_answered', message: expect.any(String) } });

    const racing = deviceToken();
    const raced = await Promise.all([1, 2, 3, 4].map((i) => submit(submission({ deviceToken: racing, answers: fullElderlyAnswers(i) }))));
    expect(raced.map((a) => a.statusCode).sort()).toEqual([201, 409, 409, 409]);
    expect((await storedOnline()).records).toHaveLength(2);
  });

  it('refuses once the round closes, kindly, and still confirms a submission stored before', async () => {
    await start();
    const early = submission();
    expect((await submit(early)).statusCode).toBe(201);
    const { body } = await loginAs(server.app, 'demo-supervisor');
    const closed = await server.app.inject({ method: 'POST', url: `/api/rounds/${roundId}/transitions`, headers: { authorization: `Bearer ${body.token}` }, payload: { action: 'close' } });
    expect(closed.statusCode).toBe(200);

    const late = await submit(submission());
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('round_closed');
    expect((await submit(early)).json()).toEqual({ submissionId: early.submissionId, status: 'duplicate' });
    const page = (await server.app.inject({ method: 'GET', url: `/api/online/rounds/${roundId}/communities/${communityId}` })).json();
    expect(page).toMatchObject({ open: false, questionnaires: [] });
    expect((await storedOnline()).records).toHaveLength(1);
  });

  it('limits a burst from one address, with Retry-After, storing none of the refused', async () => {
    await start({ perAddress: { max: 3, timeWindowMs: 60_000 } });
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push(await submit(submission(), { remoteAddress: '203.0.113.7' }));
    expect(answers.map((a) => a.statusCode)).toEqual([201, 201, 201, 429, 429]);
    expect(answers[3]!.json().error.code).toBe('rate_limited');
    expect(Number(answers[3]!.headers['retry-after'])).toBeGreaterThan(0);
    // Another address is not held back by the first one's burst.
    expect((await submit(submission(), { remoteAddress: '203.0.113.8' })).statusCode).toBe(201);
    expect((await storedOnline()).records).toHaveLength(4);
  });

  it('limits one community’s submissions across addresses', async () => {
    await start({ perCommunity: { max: 2, timeWindowMs: 60_000 } });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await submit(submission(), { remoteAddress: `198.51.100.${i + 1}` })).statusCode);
    expect(statuses).toEqual([201, 201, 429]);
    // Another community has its own budget.
    const other = await submit(submission(), { remoteAddress: '198.51.100.9', url: `/api/online/rounds/${roundId}/communities/yijiangmen-c02/responses` });
    expect(other.statusCode).toBe(201);
    expect((await storedOnline()).records).toHaveLength(3);
  });

  it('refuses a filled honeypot and answers finished too quickly, storing nothing', async () => {
    await start();
    const honeypot = await submit({ ...submission(), website: 'http://spam.example' });
    expect(honeypot.statusCode).toBe(400);
    expect(honeypot.json().error.code).toBe('submission_refused');
    const quick = await submit(submission({ startedAt: '2026-03-02T09:00:00.000Z', finishedAt: '2026-03-02T09:00:05.000Z' }));
    expect(quick.statusCode).toBe(400);
    expect(quick.json().error.code).toBe('submission_refused');
    expect(await storedOnline()).toEqual({ records: [], tokens: [], changes: [] });
  });

  it('can do no more than submit: no other channel, author or round fields, no unasked or incomplete answers, a token changes nothing', async () => {
    await start();
    const { body } = await loginAs(server.app, 'demo-supervisor');
    const refused = [
      await submit({ ...submission(), channel: 'field' }),
      await submit({ ...submission(), authorId: 'someone' }),
      await submit(submission({ answers: { sat_pb_org_service: 'satisfied' } })),
      await submit(submission({ answers: { ...fullElderlyAnswers(1), not_an_item: 'x' } })),
      await submit(submission({ questionnaireVersion: 99 })),
      await submit(submission({ deviceToken: 'short' })),
    ];
    for (const answer of refused) {
      expect(answer.statusCode).toBe(400);
      expect(Object.keys(answer.json())).toEqual(['error']);
    }
    const withToken = await submit(submission(), { token: body.token });
    expect(withToken.statusCode).toBe(201);
    const { records } = await storedOnline();
    expect(records).toHaveLength(1);
    expect(JSON.parse(records[0]!.data)).toMatchObject({ channel: 'online', authorId: 'online-resident' });
  });
});

describe('GET /api/rounds/{roundId}/online-links', () => {
  it('lists the open round’s communities with their links; an officer gets its own sub-district', async () => {
    await start();
    const supervisor = (await loginAs(server.app, 'demo-supervisor')).body.token;
    const officer = (await loginAs(server.app, 'demo-officer')).body.token;
    const all = (await server.app.inject({ method: 'GET', url: `/api/rounds/${roundId}/online-links`, headers: { authorization: `Bearer ${supervisor}` } })).json();
    expect(all.communities.length).toBe(120);
    expect(all.communities[0]).toMatchObject({ path: expect.stringMatching(/^\/q\/2026-H1\/[a-z0-9-]+$/) });
    const own = (await server.app.inject({ method: 'GET', url: `/api/rounds/${roundId}/online-links`, headers: { authorization: `Bearer ${officer}` } })).json();
    expect(own.communities.length).toBeGreaterThan(0);
    expect(new Set(own.communities.map((c: { subdistrictId: string }) => c.subdistrictId))).toEqual(new Set(['yijiangmen']));
    expect(own.communities).toContainEqual(expect.objectContaining({ id: communityId, path: `/q/${roundId}/${communityId}` }));
  });
});
