import { fieldworkProgressSchema, roundDetailSchema, type FieldworkProgress, roundListSchema, roundScoresSchema, type ExportFile, type RoundDetail, type RoundScores, type RoundSummary } from '../../shared/rounds/api';
import { newestFirst } from '../../shared/rounds/order';
import type { ScoresQuery } from '../../shared/rounds/public-api';
import { errorFrom, requestJson, send } from './http';
import { apiPaths } from './paths';

/** The rounds, newest first by their dates. */
export async function fetchRounds(token: string): Promise<RoundSummary[]> {
  const { rounds } = await requestJson(apiPaths.rounds, { token, schema: roundListSchema });
  return newestFirst(rounds);
}

export function fetchRound(roundId: string, token: string): Promise<RoundDetail> {
  return requestJson(apiPaths.round(roundId), { token, schema: roundDetailSchema });
}

export function fetchRoundScores(roundId: string, query: ScoresQuery, token: string): Promise<RoundScores> {
  const search = new URLSearchParams({ level: query.level, ...(query.subdistrictId ? { subdistrictId: query.subdistrictId } : {}) });
  return requestJson(`${apiPaths.roundScores(roundId)}?${search}`, { token, schema: roundScoresSchema });
}

export function fetchRoundProgress(roundId: string, token: string): Promise<FieldworkProgress> {
  return requestJson(apiPaths.roundProgress(roundId), { token, schema: fieldworkProgressSchema });
}

/** An export file as bytes: it needs the bearer token, so a plain link cannot fetch it. */
export async function fetchRoundExport(roundId: string, file: ExportFile, token: string): Promise<Blob> {
  const response = await send(apiPaths.roundExport(roundId, file), { token });
  if (!response.ok) throw await errorFrom(response);
  return response.blob();
}
