import { z } from 'zod/mini';
import type { RoundAction } from '../../shared/rounds/lifecycle';
import { lateDecisionSchema, lateResponsesSchema, roundSummarySchema, type LateDecision, type RoundSummary } from '../../shared/rounds/api';
import type { ScoringSettings } from '../../shared/scoring/settings';
import { requestJson } from './http';
import { apiPaths } from './paths';

/** The office's changes to a round: create, settings while a draft, its lifecycle, late responses. */

const roundAnswerSchema = z.object({ round: roundSummarySchema });

export async function createRound(roundId: string, token: string): Promise<RoundSummary> {
  return (await requestJson(apiPaths.rounds, { method: 'POST', token, body: { id: roundId }, schema: roundAnswerSchema })).round;
}

export async function saveRoundSettings(roundId: string, settings: ScoringSettings, token: string): Promise<RoundSummary> {
  return (await requestJson(apiPaths.roundSettings(roundId), { method: 'PUT', token, body: { settings }, schema: roundAnswerSchema })).round;
}

export async function changeRoundState(roundId: string, action: RoundAction, reason: string | undefined, token: string): Promise<RoundSummary> {
  return (await requestJson(apiPaths.roundTransitions(roundId), { method: 'POST', token, body: reason === undefined ? { action } : { action, reason }, schema: roundAnswerSchema })).round;
}

export function fetchLateResponses(roundId: string, token: string) {
  return requestJson(apiPaths.roundLateResponses(roundId), { token, schema: lateResponsesSchema });
}

export async function decideLateResponse(roundId: string, responseId: string, decision: LateDecision, token: string): Promise<void> {
  await requestJson(apiPaths.roundLateDecision(roundId, responseId), { method: 'POST', token, body: { decision }, schema: z.object({ responseId: z.string(), decision: lateDecisionSchema.shape.decision }) });
}
