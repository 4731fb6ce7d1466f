import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod/mini';
import { errorBodySchema, errorCodes } from '../../../shared/errors';
import { roundIdSchema } from '../../../shared/organisation';
import { publicRoundListSchema, publicRoundScoresSchema, scoresQuerySchema } from '../../../shared/rounds/public-api';
import { publiclyShownUnits } from '../../../shared/rounds/publishing';
import { suppressSmallGroup } from '../../../shared/scoring/display';
import { rankIntervals } from '../../../shared/scoring/ranking';
import { HttpError } from '../../http-error';
import type { Repositories } from '../../repositories';
import { computeRoundScores } from '../rounds';

/** Published rounds for the public results page: no sign-in, groups under the round's minimum size hidden. */
export const publicRoutes: FastifyPluginAsync<{ repos: Repositories }> = async (app, { repos }) => {
  const typed = app.withTypeProvider<ZodTypeProvider>();

  typed.get(
    '/api/public/rounds',
    { schema: { summary: 'Published rounds, newest first by their dates (no sign-in)', tags: ['public'], response: { 200: publicRoundListSchema } } },
    async () => ({
      rounds: (await repos.rounds.list())
        .filter((round) => round.state === 'published')
        .map((round) => ({ id: round.id, startsOn: round.startsOn, endsOn: round.endsOn, publishedAt: round.publishedAt, synthetic: round.synthetic })),
    }),
  );

  typed.get(
    '/api/public/rounds/:roundId/scores',
    {
      schema: {
        summary: 'A published round\'s sub-district scores, or the communities of one sub-district, with rank intervals (no sign-in)',
        tags: ['public'],
        params: z.object({ roundId: roundIdSchema }),
        querystring: scoresQuerySchema,
        response: { 200: publicRoundScoresSchema, 404: errorBodySchema },
      },
    },
    async (request) => {
      const stored = await repos.rounds.find(request.params.roundId);
      if (!stored || stored.summary.state !== 'published') throw new HttpError(404, errorCodes.notFound, `no published round ${request.params.roundId}`);
      const { level, subdistrictId } = request.query;
      const scores = await computeRoundScores(repos, stored, level, level === 'community' ? subdistrictId : undefined);
      const minimum = stored.settings.publicMinimumGroupSize;
      // Ranks among the units shown: a withheld unit takes no place in the public order.
      const shownUnits = publiclyShownUnits(scores.units, minimum);
      const ranks = new Map(rankIntervals(shownUnits, stored.settings.confidenceLevel).map((rank) => [rank.unitId, rank]));
      return {
        roundId: scores.roundId,
        settingsVersion: scores.settingsVersion,
        level,
        synthetic: scores.synthetic,
        minimumGroupSize: minimum,
        units: scores.units.map((unit) => {
          const group = suppressSmallGroup(unit, minimum);
          if (group.suppressed) return { unitId: unit.unitId, name: unit.name, suppressed: true as const, fewerThan: group.fewerThan };
          return {
            unitId: unit.unitId,
            name: unit.name,
            suppressed: false as const,
            score: unit.score,
            n: unit.n,
            ciLow: unit.ciLow,
            ciHigh: unit.ciHigh,
            rankBest: ranks.get(unit.unitId)?.best ?? null,
            rankWorst: ranks.get(unit.unitId)?.worst ?? null,
            dimensions: unit.dimensions.map((d) => (d.n < minimum ? { ...d, score: null, ciLow: null, ciHigh: null, n: 0, reason: 'fewer_than_minimum' } : d)),
          };
        }),
      };
    },
  );
};
