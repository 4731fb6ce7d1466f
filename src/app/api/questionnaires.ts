import { z } from 'zod/mini';
import { questionnaireDefinitionSchema, type QuestionnaireDefinition } from '../../shared/questionnaire/definition';
import {
  questionnaireVersionDetailSchema,
  questionnaireVersionListSchema,
  questionnaireVersionSummarySchema,
  type QuestionnaireVersionDetail,
  type QuestionnaireVersionSummary,
} from '../../shared/questionnaire/versions';
import { errorFrom, requestJson, send } from './http';
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

/** Reads an XLSX file into a definition on the server; nothing is stored. */
export async function importQuestionnaireXlsx(file: Blob, token: string): Promise<QuestionnaireDefinition> {
  const body = file.type === xlsxType ? file : new Blob([file], { type: xlsxType });
  return (await requestJson(apiPaths.questionnaireImport, { method: 'POST', token, body, schema: z.object({ definition: questionnaireDefinitionSchema }) })).definition;
}
