import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod/mini';
import { errorBodySchema, errorCodes } from '../../../shared/errors';
import { questionnaireDefinitionSchema, questionnaireIdSchema } from '../../../shared/questionnaire/definition';
import {
  publishQuestionnaireVersionSchema,
  questionnaireVersionDetailSchema,
  questionnaireVersionListSchema,
  questionnaireVersionParamsSchema,
  questionnaireVersionSummarySchema,
  saveQuestionnaireVersionSchema,
} from '../../../shared/questionnaire/versions';
import { definitionToSheets, maxListedSheetProblems, sheetsToDefinition, xlsformRefusalSchema, type XlsformRefusal } from '../../../shared/questionnaire/xlsform';
import { joinIssues } from '../../../shared/validation';
import { authenticate } from '../../auth/authenticate';
import { HttpError } from '../../http-error';
import type { Repositories } from '../../repositories';
import type { QuestionnaireChangeOutcome } from '../../repositories/questionnaires';
import { WorkbookError, sendWorkbook, sheetsToXlsx, xlsxContentType, xlsxToSheets } from './workbook';

/** A questionnaire file is a few hundred rows: far below this. */
const maxWorkbookBytes = 5 * 1024 * 1024;

const officeRoles = ['subdistrict_officer', 'supervisor', 'admin'] as const;
const errors = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema, 409: errorBodySchema };
const tags = ['questionnaires'];
const security = [{ bearer: [] }];

function changed(outcome: QuestionnaireChangeOutcome) {
  if (outcome.ok) return { version: outcome.summary };
  throw new HttpError(outcome.problem === 'not_found' ? 404 : 409, outcome.problem === 'not_found' ? errorCodes.notFound : errorCodes.conflict, outcome.message);
}

/** Questionnaire versions: the office reads them, the administrator drafts and publishes them. */
export const questionnaireRoutes: FastifyPluginAsync<{ repos: Repositories }> = async (app, { repos }) => {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const office = authenticate(repos.sessions, officeRoles);
  const admin = authenticate(repos.sessions, ['admin']);
  app.addContentTypeParser(xlsxContentType, { parseAs: 'buffer', bodyLimit: maxWorkbookBytes }, (_request, body, done) => done(null, body));

  async function versionOr404(questionnaireId: string, version: number) {
    const detail = await repos.questionnaires.get(questionnaireId, version);
    if (!detail) throw new HttpError(404, errorCodes.notFound, `no version ${version} of questionnaire ${questionnaireId}`);
    return detail;
  }

  typed.get(
    '/api/questionnaires',
    { schema: { summary: 'Every version of every questionnaire, drafts included', tags, security, response: { 200: questionnaireVersionListSchema, ...errors } }, onRequest: office },
    async () => ({ versions: await repos.questionnaires.list() }),
  );

  typed.get(
    '/api/questionnaires/:questionnaireId/versions/:version',
    { schema: { summary: 'One version of a questionnaire with its definition', tags, security, params: questionnaireVersionParamsSchema, response: { 200: questionnaireVersionDetailSchema, ...errors } }, onRequest: office },
    async (request) => versionOr404(request.params.questionnaireId, request.params.version),
  );

  typed.get(
    '/api/questionnaires/:questionnaireId/versions/:version/xlsx',
    {
      schema: {
        summary: 'One version as an XLSX file laid out like XLSForm (sheets survey, choices, settings, with columns for our tags)',
        tags,
        security,
        params: questionnaireVersionParamsSchema,
        produces: [xlsxContentType],
        response: errors,
      },
      onRequest: office,
    },
    async (request, reply) => {
      const { questionnaireId, version } = request.params;
      const detail = await versionOr404(questionnaireId, version);
      return sendWorkbook(reply, `${questionnaireId}-v${version}.xlsx`, await sheetsToXlsx(definitionToSheets(detail.definition)));
    },
  );

  typed.post(
    '/api/questionnaires/import',
    {
      schema: {
        summary: 'Read a questionnaire from an XLSForm-style XLSX file; nothing is stored (save the definition as a draft version)',
        description: 'A file with problems answers 400 with every problem by sheet, row, column and reason in `problems` (and in English in the message); a file that is no questionnaire workbook says why in `file`.',
        tags,
        security,
        consumes: [xlsxContentType],
        response: { 200: z.object({ definition: questionnaireDefinitionSchema }), 413: errorBodySchema, ...errors, 400: z.union([xlsformRefusalSchema, errorBodySchema]) },
      },
      onRequest: admin,
    },
    async (request, reply) => {
      if (!Buffer.isBuffer(request.body)) throw new HttpError(400, errorCodes.invalidRequest, `send the file as ${xlsxContentType}`);
      let sheets;
      try {
        sheets = await xlsxToSheets(request.body);
      } catch (error) {
        if (!(error instanceof WorkbookError)) throw error;
        const refusal: XlsformRefusal = { error: { code: errorCodes.invalidRequest, message: error.message }, file: error.problem, missingSheets: error.missingSheets, problems: [] };
        return reply.code(400).send(refusal);
      }
      const outcome = sheetsToDefinition(sheets);
      if ('problems' in outcome) {
        const message = joinIssues(outcome.problems.map((problem) => `${problem.sheet} row ${problem.row}: ${problem.message}`), 50);
        const refusal: XlsformRefusal = { error: { code: errorCodes.invalidRequest, message }, problems: outcome.problems.slice(0, maxListedSheetProblems) };
        return reply.code(400).send(refusal);
      }
      return outcome;
    },
  );

  typed.post(
    '/api/questionnaires/:questionnaireId/versions',
    {
      schema: {
        summary: 'Save a draft version: the next version number, or the current draft saved again',
        description: 'A published version never changes: saving it again answers 409 and names the next version. A questionnaire keeps its audience.',
        tags,
        security,
        params: z.object({ questionnaireId: questionnaireIdSchema }),
        body: saveQuestionnaireVersionSchema,
        response: { 200: z.object({ version: questionnaireVersionSummarySchema }), 201: z.object({ version: questionnaireVersionSummarySchema }), ...errors },
      },
      onRequest: admin,
    },
    async (request, reply) => {
      const { definition } = request.body;
      if (definition.id !== request.params.questionnaireId) throw new HttpError(400, errorCodes.invalidRequest, `definition.id: ${definition.id} is not ${request.params.questionnaireId}`);
      const outcome = await repos.questionnaires.saveDraft(request.user!.id, definition);
      return reply.code(outcome.ok && outcome.created ? 201 : 200).send(changed(outcome));
    },
  );

  typed.post(
    '/api/questionnaires/:questionnaireId/versions/:version/publish',
    {
      schema: {
        summary: 'Publish a draft version (frozen from now on; devices receive it) and, with roundId, use it in that round for its audience',
        tags,
        security,
        params: questionnaireVersionParamsSchema,
        body: publishQuestionnaireVersionSchema,
        response: { 200: z.object({ version: questionnaireVersionSummarySchema }), ...errors },
      },
      onRequest: admin,
    },
    async (request) => {
      const { questionnaireId, version } = request.params;
      return changed(await repos.questionnaires.publish(request.user!.id, questionnaireId, version, request.body.roundId));
    },
  );
};
