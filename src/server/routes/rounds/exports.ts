import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod/mini';
import { errorBodySchema, errorCodes } from '../../../shared/errors';
import { roundIdSchema } from '../../../shared/organisation';
import { scoreLevelSchema } from '../../../shared/rounds/public-api';
import { authenticate } from '../../auth/authenticate';
import { sendCsv, sendXlsx } from '../../downloads';
import { HttpError } from '../../http-error';
import type { Repositories } from '../../repositories';
import { codebookOf, questionnairesUsed, responsesTable, roundExportFileSchema, roundFile, scoresCsvTable, scoresSheets, settingsTable, type ScoredUnit } from './export-tables';
import { computeRoundScores } from '.';

/** Downloads of a round: the responses, their codebook, the round's settings and the scores. */
export const exportRoutes: FastifyPluginAsync<{ repos: Repositories }> = async (app, { repos }) => {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const managers = authenticate(repos.sessions, ['supervisor', 'admin']);
  const schema = (summary: string) => ({
    summary,
    tags: ['exports'],
    security: [{ bearer: [] }],
    params: z.object({ roundId: roundIdSchema, format: z.enum(['csv', 'xlsx']) }),
    response: { 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema },
  });

  async function roundOr404(roundId: string) {
    const stored = await repos.rounds.find(roundId);
    if (!stored) throw new HttpError(404, errorCodes.notFound, `no round ${roundId}`);
    await repos.scores.fold();
    return stored;
  }

  typed.get(
    '/api/rounds/:roundId/export/responses.:format',
    {
      schema: {
        ...schema('Every response of the round, one column per item, with whether it counts (CSV with BOM, or XLSX with the codebook and settings as sheets)'),
        description: 'workerId is a pseudonym (HMAC of the author under a per-round key), stable within the round. README: recomputing the scores from responses.csv, codebook.csv and round.json.',
      },
      onRequest: managers,
    },
    async (request, reply) => {
      const { roundId, format } = request.params;
      const stored = await roundOr404(roundId);
      const { table, used } = await responsesTable(repos, stored);
      const name = `${roundId}-responses.${format}`;
      if (format === 'csv') return sendCsv(reply, name, table);
      return sendXlsx(reply, name, [
        { name: 'responses', table },
        { name: 'codebook', table: await codebookOf(repos, stored, used) },
        { name: 'settings', table: settingsTable(stored.settings, stored.summary.settingsVersion) },
      ]);
    },
  );

  typed.get(
    '/api/rounds/:roundId/export/codebook.csv',
    { schema: { ...schema('Codebook: every column of the response export and its codes, the items, tags, options and scores of the questionnaire versions used'), params: z.object({ roundId: roundIdSchema }) }, onRequest: managers },
    async (request, reply) => {
      const stored = await roundOr404(request.params.roundId);
      const used = await questionnairesUsed(repos, request.params.roundId);
      return sendCsv(reply, `${request.params.roundId}-codebook.csv`, await codebookOf(repos, stored, used));
    },
  );

  typed.get(
    '/api/rounds/:roundId/export/round.json',
    {
      schema: {
        summary: "The round's settings (weights, thresholds, scale), their version and each sub-district's negative-list deduction, as JSON",
        tags: ['exports'],
        security: [{ bearer: [] }],
        params: z.object({ roundId: roundIdSchema }),
        response: { 200: roundExportFileSchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema },
      },
      onRequest: managers,
    },
    async (request, reply) => {
      const stored = await roundOr404(request.params.roundId);
      return reply.header('Content-Disposition', `attachment; filename="${request.params.roundId}-round.json"`).send(await roundFile(repos, stored));
    },
  );

  typed.get(
    '/api/rounds/:roundId/export/scores.:format',
    {
      schema: {
        ...schema('Scores of the sub-districts and the communities (XLSX: 全部得分 with Chinese headers, codes, codebook and settings sheets)'),
        querystring: z.object({ level: z.optional(scoreLevelSchema) }),
      },
      onRequest: managers,
    },
    async (request, reply) => {
      const { roundId, format } = request.params;
      const stored = await roundOr404(roundId);
      const levels = request.query.level ? [request.query.level] : (['subdistrict', 'community'] as const);
      const units: ScoredUnit[] = [];
      for (const level of levels) for (const unit of (await computeRoundScores(repos, stored, level)).units) units.push({ level, ...unit });
      const name = `${roundId}-scores.${format}`;
      if (format === 'csv') return sendCsv(reply, name, scoresCsvTable(units));
      return sendXlsx(reply, name, [
        ...scoresSheets(units),
        { name: '编码簿', table: await codebookOf(repos, stored, await questionnairesUsed(repos, roundId)) },
        { name: '评分设置', table: settingsTable(stored.settings, stored.summary.settingsVersion) },
      ]);
    },
  );
};
