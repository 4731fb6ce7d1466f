import { publicRoundListSchema, publicRoundScoresSchema, type PublicRound, type PublicRoundScores, type ScoreLevel } from '../../shared/rounds/public-api';
import { newestFirst } from '../../shared/rounds/order';
import { requestJson } from './http';
import { apiPaths } from './paths';

/** Published rounds, newest first; no sign-in. */
export async function fetchPublicRounds(): Promise<PublicRound[]> {
  const { rounds } = await requestJson(apiPaths.publicRounds, { schema: publicRoundListSchema });
  return newestFirst(rounds);
}

export function fetchPublicScores(roundId: string, level: ScoreLevel, subdistrictId?: string): Promise<PublicRoundScores> {
  const search = new URLSearchParams({ level, ...(subdistrictId ? { subdistrictId } : {}) });
  return requestJson(`${apiPaths.publicRoundScores(roundId)}?${search}`, { schema: publicRoundScoresSchema });
}
