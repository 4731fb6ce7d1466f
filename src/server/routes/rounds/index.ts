import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod/mini';
import type { SessionUser } from '../../../shared/auth';
import { errorBodySchema, errorCodes } from '../../../shared/errors';
import { roundIdSchema } from '../../../shared/organisation';
import { recordIdSchema } from '../../../shared/records';
import {
  fieldworkProgressSchema,
  lateDecisionSchema,
  lateResponsesSchema,
  newRoundSchema,
  roundDetailSchema,
  roundScoresSchema,
  roundSettingsUpdateSchema,
  roundListSchema,
  roundSummarySchema,
  roundTransitionSchema,
  roundTrendSchema,
  voidResponseSchema,
  type RoundScores,
} from '../../../shared/rounds/api';
import { scoresQuerySchema } from '../../../shared/rounds/public-api';
import { publishRefusal } from '../../../shared/rounds/publishing';
import { scoredStates, trendRounds } from '../../../shared/rounds/trend';
import { roundUnitScores } from '../../../shared/rounds/scores';
import { defaultScoringSettings } from '../../../shared/scoring/settings';
import { authenticate } from '../../auth/authenticate';
import { HttpError } from '../../http-error';
import type { Repositories } from '../../repositories';
import type { RoundChangeOutcome, StoredRound } from '../../repositories/rounds';

const officeRoles = ['subdistrict_officer', 'supervisor', 'admin'] as const;
const managerRoles = ['supervisor', 'admin'] as const;
const roundParams = z.object({ roundId: roundIdSchema });
const responseParams = z.object({ roundId: roundIdSchema, responseId: recordIdSchema });
const errors = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema, 409: errorBodySchema };

function changed(outcome: RoundChangeOutcome) {
  if (outcome.ok) return { round: outcome.round };
  if (outcome.problem === 'not_found') throw new HttpError(404, errorCodes.notFound, outcome.message);
  if (outcome.problem === 'reason_required') throw new HttpError(400, errorCodes.invalidRequest, outcome.message);
  throw new HttpError(409, errorCodes.conflict, outcome.message);
}

/** The round's scores from its cell statistics, after folding in what arrived since the last read. */
export async function computeRoundScores(repos: Repositories, stored: StoredRound, level: 'subdistrict' | 'community', subdistrictId?: string): Promise<RoundScores> {
  await repos.scores.fold();
  const units = await repos.scores.units(stored.summary.id, level, subdistrictId);
  // The negative list is kept by sub-district; the deduction applies once the round has closed.
  const closedAt = stored.summary.closedAt;
  const overdue = level === 'subdistrict' && closedAt !== null ? await repos.cases.overdueAtClose(stored.summary.id, closedAt) : new Map<string, number>();
  const { funnel, units: scored } = roundUnitScores(units, stored.settings, overdue);
  return { roundId: stored.summary.id, settingsVersion: stored.summary.settingsVersion, level, synthetic: stored.summary.synthetic, funnel, units: scored };
}

/** Rounds, their lifecycle and settings, late and void decisions, scores and fieldwork. */
export const roundRoutes: FastifyPluginAsync<{ repos: Repositories; now: () => Date }> = async (app, { repos, now }) => {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const office = authenticate(repos.sessions, officeRoles);
  const managers = authenticate(repos.sessions, managerRoles);

  async function roundOr404(roundId: string): Promise<StoredRound> {
    const stored = await repos.rounds.find(roundId);
    if (!stored) throw new HttpError(404, errorCodes.notFound, `no round ${roundId}`);
    return stored;
  }

  /** What counts in a published round is fixed; everything received so far is folded first. */
  async function beforeChangingWhatCounts(roundId: string): Promise<void> {
    const round = await roundOr404(roundId);
    if (round.summary.state === 'published') throw new HttpError(409, errorCodes.conflict, 'unpublish the round before changing what counts');
    await repos.scores.fold();
  }

  /** A sub-district officer sees community-level detail of its own sub-district only. */
  function communityScope(user: SessionUser, requested: string | undefined): string | undefined {
    if (user.role !== 'subdistrict_officer') return requested;
    const own = user.scope.ids[0];
    if (requested !== undefined && !user.scope.ids.includes(requested)) throw new HttpError(403, errorCodes.forbidden, `subdistrictId: ${requested} is outside your sub-district`);
    return requested ?? own;
  }

  typed.get(
    '/api/rounds',
    { schema: { summary: 'List rounds with their state, newest first by their dates', tags: ['rounds'], security: [{ bearer: [] }], response: { 200: roundListSchema, ...errors } }, onRequest: office },
    async () => ({ rounds: await repos.rounds.list() }),
  );

  typed.post(
    '/api/rounds',
    {
      schema: { summary: 'Create a draft round (SCORING.md defaults unless settings are given)', tags: ['rounds'], security: [{ bearer: [] }], body: newRoundSchema, response: { 201: z.object({ round: roundSummarySchema }), ...errors } },
      onRequest: managers,
    },
    async (request, reply) => {
      const answer = changed(await repos.rounds.create(request.user!.id, request.body.id, request.body.settings ?? defaultScoringSettings()));
      // Responses that named this round before it existed are scored now.
      await repos.scores.rescoreRound(request.body.id);
      return reply.code(201).send(answer);
    },
  );

  typed.get(
    '/api/rounds/:roundId',
    { schema: { summary: 'A round: state, settings, counts and history', tags: ['rounds'], security: [{ bearer: [] }], params: roundParams, response: { 200: roundDetailSchema, ...errors } }, onRequest: office },
    async (request) => {
      await roundOr404(request.params.roundId);
      await repos.scores.fold();
      return (await repos.rounds.detail(request.params.roundId))!;
    },
  );

  typed.put(
    '/api/rounds/:roundId/settings',
    {
      schema: { summary: 'Replace the scoring settings of a draft round (a new settings version)', tags: ['rounds'], security: [{ bearer: [] }], params: roundParams, body: roundSettingsUpdateSchema, response: { 200: z.object({ round: roundSummarySchema }), ...errors } },
      onRequest: managers,
    },
    async (request) => {
      const answer = changed(await repos.rounds.updateSettings(request.user!.id, request.params.roundId, request.body.settings));
      await repos.scores.fold();
      await repos.scores.rescoreRound(request.params.roundId);
      return answer;
    },
  );

  typed.post(
    '/api/rounds/:roundId/transitions',
    {
      schema: { summary: 'Open, close, publish or unpublish (with a reason) a round', tags: ['rounds'], security: [{ bearer: [] }], params: roundParams, body: roundTransitionSchema, response: { 200: z.object({ round: roundSummarySchema }), ...errors } },
      onRequest: managers,
    },
    async (request) => {
      // Responses received before the close are folded first, so none is marked late by mistake.
      await repos.scores.fold();
      if (request.body.action === 'publish') {
        const refusal = publishRefusal(await repos.rounds.counts(request.params.roundId));
        if (refusal) throw new HttpError(409, errorCodes.conflict, refusal);
      }
      return changed(await repos.rounds.transition(request.user!.id, request.params.roundId, request.body.action, request.body.reason));
    },
  );

  typed.get(
    '/api/rounds/:roundId/late-responses',
    { schema: { summary: 'Responses received after the round closed, with the decision on each', tags: ['rounds'], security: [{ bearer: [] }], params: roundParams, response: { 200: lateResponsesSchema, ...errors } }, onRequest: managers },
    async (request) => {
      await roundOr404(request.params.roundId);
      await repos.scores.fold();
      return { roundId: request.params.roundId, responses: await repos.scores.lateResponses(request.params.roundId) };
    },
  );

  typed.post(
    '/api/rounds/:roundId/responses/:responseId/late-decision',
    {
      schema: { summary: 'Admit or exclude a late response', tags: ['rounds'], security: [{ bearer: [] }], params: responseParams, body: lateDecisionSchema, response: { 200: z.object({ responseId: z.string(), decision: lateDecisionSchema.shape.decision }), ...errors } },
      onRequest: managers,
    },
    async (request) => {
      const { roundId, responseId } = request.params;
      await beforeChangingWhatCounts(roundId);
      const outcome = await repos.scores.decideLate(roundId, responseId, request.body.decision, request.user!.id, now());
      if (outcome === 'not_found') throw new HttpError(404, errorCodes.notFound, `no response ${responseId} in round ${roundId}`);
      if (outcome === 'not_late') throw new HttpError(409, errorCodes.conflict, `response ${responseId} reached the server before the round closed`);
      await repos.audit.record(request.user!.id, `response.late_${request.body.decision}`, { roundId, responseId, reason: request.body.reason ?? null });
      return { responseId, decision: request.body.decision };
    },
  );

  typed.post(
    '/api/rounds/:roundId/responses/:responseId/void',
    {
      schema: { summary: 'Void a response: it stops counting, nothing is deleted', tags: ['rounds'], security: [{ bearer: [] }], params: responseParams, body: voidResponseSchema, response: { 200: z.object({ responseId: z.string(), voided: z.literal(true) }), ...errors } },
      onRequest: managers,
    },
    async (request) => {
      const { roundId, responseId } = request.params;
      await beforeChangingWhatCounts(roundId);
      if (!(await repos.scores.voidResponse(roundId, responseId, request.user!.id, request.body.reason, now()))) {
        throw new HttpError(404, errorCodes.notFound, `no response ${responseId} in round ${roundId}`);
      }
      await repos.audit.record(request.user!.id, 'response.void', { roundId, responseId, reason: request.body.reason });
      return { responseId, voided: true as const };
    },
  );

  typed.get(
    '/api/rounds/:roundId/scores',
    {
      schema: {
        summary: 'Scores of every sub-district, or of the communities (of one sub-district with subdistrictId)',
        description: 'A sub-district officer gets community level for its own sub-district only; ranks are among the units returned.',
        tags: ['rounds'],
        security: [{ bearer: [] }],
        params: roundParams,
        querystring: scoresQuerySchema,
        response: { 200: roundScoresSchema, ...errors },
      },
      onRequest: office,
    },
    async (request) => {
      const stored = await roundOr404(request.params.roundId);
      const { level, subdistrictId } = request.query;
      return computeRoundScores(repos, stored, level, level === 'community' ? communityScope(request.user!, subdistrictId) : undefined);
    },
  );

  typed.get(
    '/api/rounds/:roundId/progress',
    { schema: { summary: 'Fieldwork against quotas per community and audience, and per worker', tags: ['rounds'], security: [{ bearer: [] }], params: roundParams, response: { 200: fieldworkProgressSchema, ...errors } }, onRequest: office },
    async (request) => {
      const roundId = request.params.roundId;
      await roundOr404(roundId);
      await repos.scores.fold();
      const user = request.user!;
      const communities = (await repos.organisation.listCommunities()).filter((c) => user.role !== 'subdistrict_officer' || user.scope.ids.includes(c.subdistrictId));
      const inScope = new Map(communities.map((c) => [c.id, c]));
      const quotas = (await repos.entities.listQuotas(roundId)).filter((q) => inScope.has(q.communityId));
      const counted = (await repos.scores.progress(roundId)).filter((row) => row.channel === 'field' && inScope.has(row.communityId));
      const received = (communityId: string, audience: string) => counted.filter((r) => r.communityId === communityId && r.audience === audience).reduce((total, r) => total + r.received, 0);
      const perWorker = new Map<string, number>();
      for (const row of counted) perWorker.set(row.authorId, (perWorker.get(row.authorId) ?? 0) + row.received);
      const names = await repos.users.namesOf([...perWorker.keys()]);
      return {
        roundId,
        communities: quotas.map((q) => {
          const community = inScope.get(q.communityId)!;
          return { communityId: q.communityId, communityName: community.nameZh, subdistrictId: community.subdistrictId, audience: q.audience, target: q.target, received: received(q.communityId, q.audience) };
        }),
        workers: [...perWorker].map(([authorId, n]) => ({ authorId, name: names.get(authorId) ?? null, received: n })),
      };
    },
  );

  typed.get(
    '/api/rounds/trend',
    { schema: { summary: 'Each round\'s sub-district scores, oldest round first, for the trend across rounds', tags: ['rounds'], security: [{ bearer: [] }], response: { 200: roundTrendSchema, ...errors } }, onRequest: office },
    async () => {
      const rounds = [];
      for (const summary of trendRounds(await repos.rounds.list(), { states: scoredStates })) {
        const scores = await computeRoundScores(repos, (await repos.rounds.find(summary.id))!, 'subdistrict');
        rounds.push({ roundId: summary.id, state: summary.state, units: scores.units.map((u) => ({ unitId: u.unitId, score: u.score, ciLow: u.ciLow, ciHigh: u.ciHigh, n: u.n })) });
      }
      return { rounds };
    },
  );
};
