import { onlineLinksSchema, onlineSubmissionResultSchema, onlineSurveySchema, type OnlineLinks, type OnlineSubmission, type OnlineSubmissionResult, type OnlineSurvey } from '../../shared/online';
import { requestJson } from './http';
import { apiPaths } from './paths';

/** The resident's page for a round and community; no sign-in. */
export function fetchOnlineSurvey(roundId: string, communityId: string): Promise<OnlineSurvey> {
  return requestJson(apiPaths.onlineSurvey(roundId, communityId), { schema: onlineSurveySchema });
}

/** Sends a resident's answers; sending the same submission again is harmless. */
export function submitOnlineResponse(roundId: string, communityId: string, submission: OnlineSubmission): Promise<OnlineSubmissionResult> {
  return requestJson(apiPaths.onlineResponses(roundId, communityId), { method: 'POST', body: submission, schema: onlineSubmissionResultSchema });
}

/** The open round's links per community, for QR posters (office roles). */
export function fetchOnlineLinks(token: string, roundId: string): Promise<OnlineLinks> {
  return requestJson(apiPaths.onlineLinks(roundId), { token, schema: onlineLinksSchema });
}
