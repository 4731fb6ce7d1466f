import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod/mini';
import { errorBodySchema, errorCodes } from '../../../shared/errors';
import { roundIdSchema } from '../../../shared/organisation';
import { questionnaireKey, type QuestionnaireDefinition } from '../../../shared/questionnaire/definition';
import { responseDataSchema } from '../../../shared/records';
import { scoreLevelSchema } from '../../../shared/rounds/public-api';
import type { ScoringSettings } from '../../../shared/scoring/settings';
import { authenticate } from '../../auth/authenticate';
import { HttpError } from '../../http-error';
import type { Repositories } from '../../repositories';
import { computeRoundScores } from '.';

export type Table = { columns: string[]; rows: (string | number | null)[][] };

/** A byte-order mark, so that Excel reads the Chinese in a CSV as UTF-8. */
const bom = '\uFEFF';

export function sendCsv(reply: FastifyReply, name: string, table: Table) {
  return reply
    .header('Content-Type', 'text/csv; charset=utf-8')
    .header('Content-Disposition', `attachment; filename="${name}"`)
    .send(bom + stringify([table.columns, ...table.rows]));
}

export async function sendXlsx(reply: FastifyReply, name: string, sheet: string, table: Table) {
  const workbook = new ExcelJS.Workbook();
  const worksheet = workbook.addWorksheet(sheet);
  worksheet.addRow(table.columns);
  worksheet.addRows(table.rows);
  const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
  return reply
    .header('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .header('Content-Disposition', `attachment; filename="${name}"`)
    .send(buffer);
}

const fixedResponseColumns = ['responseId', 'subdistrictId', 'communityId', 'channel', 'audience', 'questionnaireId', 'questionnaireVersion'];

/** One row per counted response and one column per item id with the answer's option id(s); no address, name, author or device. */
async function responsesTable(repos: Repositories, roundId: string): Promise<Table> {
  const responses = (await repos.scores.countedResponses(roundId)).map((r) => ({ ...r, data: responseDataSchema.parse(JSON.parse(r.data)) }));
  const definitions = await repos.scores.questionnaires();
  const itemIds = [...new Set(responses.flatMap((r) => definitions.get(`${r.data.questionnaireId}@${r.data.questionnaireVersion}`)?.items.map((item) => item.id) ?? []))];
  const cell = (value: unknown) => (value === undefined ? null : Array.isArray(value) ? value.join(';') : typeof value === 'boolean' ? String(value) : (value as string | number));
  return {
    columns: [...fixedResponseColumns, ...itemIds],
    rows: responses.map(({ id, subdistrictId, data }) => [
      id,
      subdistrictId,
      data.communityId,
      data.channel,
      data.audience,
      data.questionnaireId,
      data.questionnaireVersion,
      ...itemIds.map((itemId) => cell(data.answers[itemId])),
    ]),
  };
}

/** One row per item and option of each questionnaire version used, with its score under the round's settings. */
function codebookTable(definitions: readonly QuestionnaireDefinition[], settings: ScoringSettings): Table {
  const dimensionOf = new Map(settings.dimensions.flatMap((d) => d.indicators.map((i) => [i.id, d.id] as const)));
  return {
    columns: ['questionnaireId', 'questionnaireVersion', 'itemId', 'kind', 'indicatorId', 'dimensionId', 'evaluation', 'level', 'optionId', 'score'],
    rows: definitions.flatMap((definition) =>
      definition.items.flatMap((item) => {
        const base = [definition.id, definition.version, item.id, item.kind, item.indicatorId ?? null, item.indicatorId ? (dimensionOf.get(item.indicatorId) ?? null) : null, item.evaluation, item.level];
        // Satisfaction items answer on the round's scale; other items list their own options, unscored.
        if (item.kind === 'satisfaction') return settings.scale.map((entry) => [...base, entry.optionId, entry.score ?? 'excluded']);
        const options = item.options ?? [];
        if (options.length === 0) return [[...base, null, null]];
        return options.map((option) => [...base, option.id, null]);
      }),
    ),
  };
}

const scoreColumns = ['level', 'unitId', 'name', 'score', 'n', 'ciLow', 'ciHigh', 'rankBest', 'rankWorst', 'outlier', 'positive', 'special', 'deduction', 'reason'];

/** Downloads of a round (issue 7 item 4): the counted responses, their codebook and the scores. */
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

  typed.get('/api/rounds/:roundId/export/responses.:format', { schema: schema('Counted responses, one column per item (CSV with BOM, or XLSX)'), onRequest: managers }, async (request, reply) => {
    const { roundId, format } = request.params;
    await roundOr404(roundId);
    const table = await responsesTable(repos, roundId);
    const name = `${roundId}-responses.${format}`;
    return format === 'csv' ? sendCsv(reply, name, table) : sendXlsx(reply, name, 'responses', table);
  });

  typed.get(
    '/api/rounds/:roundId/export/codebook.csv',
    { schema: { ...schema('Codebook of the questionnaire versions used: items, tags, options and scores'), params: z.object({ roundId: roundIdSchema }) }, onRequest: managers },
    async (request, reply) => {
      const stored = await roundOr404(request.params.roundId);
      const responses = await repos.scores.countedResponses(request.params.roundId);
      const used = new Set(responses.map((r) => {
        const data = responseDataSchema.parse(JSON.parse(r.data));
        return `${data.questionnaireId}@${data.questionnaireVersion}`;
      }));
      const definitions = [...(await repos.scores.questionnaires()).values()].filter((d) => used.has(questionnaireKey(d)));
      return sendCsv(reply, `${request.params.roundId}-codebook.csv`, codebookTable(definitions, stored.settings));
    },
  );

  typed.get(
    '/api/rounds/:roundId/export/scores.:format',
    { schema: { ...schema('Scores of the sub-districts and the communities'), querystring: z.object({ level: z.optional(scoreLevelSchema) }) }, onRequest: managers },
    async (request, reply) => {
      const { roundId, format } = request.params;
      const stored = await roundOr404(roundId);
      const levels = request.query.level ? [request.query.level] : (['subdistrict', 'community'] as const);
      const rows: Table['rows'] = [];
      for (const level of levels) {
        const scores = await computeRoundScores(repos, stored, level);
        for (const u of scores.units) rows.push([level, u.unitId, u.name, u.score, u.n, u.ciLow, u.ciHigh, u.rankBest, u.rankWorst, u.outlier, u.parts.positive, u.parts.special, u.parts.deduction, u.reason]);
      }
      const table = { columns: scoreColumns, rows };
      const name = `${roundId}-scores.${format}`;
      return format === 'csv' ? sendCsv(reply, name, table) : sendXlsx(reply, name, 'scores', table);
    },
  );
};
