import { z } from 'zod/mini';
import { questionnaireDefinitionSchema, type QuestionnaireDefinition } from '../../shared/questionnaire/definition';
import {
  questionnaireVersionDetailSchema,
  questionnaireVersionListSchema,
  questionnaireVersionSummarySchema,
  type QuestionnaireVersionDetail,
  type QuestionnaireVersionSummary,
} from '../../shared/questionnaire/versions';
import { xlsformRefusalSchema, type XlsformRefusal } from '../../shared/questionnaire/xlsform';
import { IssuesError } from '../errors/codes';
import { issueOfSheetProblem, type FieldIssue } from '../errors/issues';
import { ApiError, errorFrom, errorOfBody, requestJson, send } from './http';
import { apiPaths } from './paths';

const changedSchema = z.object({ version: questionnaireVersionSummarySchema });
export const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export async function fetchQuestionnaireVersions(token: string): Promise<QuestionnaireVersionSummary[]> {
  return (await requestJson(apiPaths.questionnaires, { token, schema: questionnaireVersionListSchema })).versions;
}

export function fetchQuestionnaireVersion(questionnaireId: string, version: number, token: string): Promise<QuestionnaireVersionDetail> {
  return requestJson(apiPaths.questionnaireVersion(questionnaireId, version), { token, schema: questionnaireVersionDetailSchema });
}

export async function saveQuestionnaireDraft(definition: QuestionnaireDefinition, token: string): Promise<QuestionnaireVersionSummary> {
  return (await requestJson(apiPaths.questionnaireVersions(definition.id), { method: 'POST', token, body: { definition }, schema: changedSchema })).version;
}

export async function publishQuestionnaireVersion(questionnaireId: string, version: number, roundId: string | undefined, token: string): Promise<QuestionnaireVersionSummary> {
  const body = roundId ? { roundId } : {};
  return (await requestJson(`${apiPaths.questionnaireVersion(questionnaireId, version)}/publish`, { method: 'POST', token, body, schema: changedSchema })).version;
}

/** The version as an XLSForm-style XLSX file (the bearer token is needed, so not a plain link). */
export async function fetchQuestionnaireXlsx(questionnaireId: string, version: number, token: string): Promise<Blob> {
  const response = await send(`${apiPaths.questionnaireVersion(questionnaireId, version)}/xlsx`, { token });
  if (!response.ok) throw await errorFrom(response);
  return response.blob();
}

/** The import's refusal as issues at their sheet and row; a file that is no XLSX workbook has its own code. */
function refusalError(refusal: XlsformRefusal): IssuesError {
  if (refusal.file === 'not_xlsx') return new IssuesError('file_not_xlsx', [], refusal.error.message);
  const missing = (refusal.missingSheets ?? []).map((sheet): FieldIssue => ({ path: [], reason: 'sheet_missing', where: { sheet, row: 0 } }));
  return new IssuesError('file_invalid', [...missing, ...refusal.problems.map(issueOfSheetProblem)], refusal.error.message);
}

/** Reads an XLSX file into a definition on the server; nothing is stored. A refused file throws every problem it has. */
export async function importQuestionnaireXlsx(file: Blob, token: string): Promise<QuestionnaireDefinition> {
  const body = file.type === xlsxType ? file : new Blob([file], { type: xlsxType });
  const response = await send(apiPaths.questionnaireImport, { method: 'POST', token, body });
  const answer: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const refusal = xlsformRefusalSchema.safeParse(answer);
    throw response.status === 400 && refusal.success ? refusalError(refusal.data) : errorOfBody(response, answer);
  }
  const parsed = z.object({ definition: questionnaireDefinitionSchema }).safeParse(answer);
  if (!parsed.success) throw new ApiError(response.status, 'bad_response', `Unexpected response from ${apiPaths.questionnaireImport}`);
  return parsed.data.definition;
}
