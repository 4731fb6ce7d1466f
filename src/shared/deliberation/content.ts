import type { Provenance } from '../fieldwork/records';
import type { RecordData } from '../records';

/** What the adviser fills in: the session's data without who made it and when. */
export type SessionContent = Omit<RecordData<'deliberation'>, keyof Provenance | 'supersedes' | 'communityId' | 'hostAdviserId'>;

/** A session being filled in: the topic may not be chosen yet; whether it links a case is asked first. */
export type SessionDraftContent = Omit<SessionContent, 'topic'> & { topic: SessionContent['topic'] | ''; linksCase?: boolean | undefined };

/** An empty session for a community, nothing chosen (the adviser picks the topic). */
export function emptySessionContent(heldOn: string): SessionDraftContent {
  return { heldOn, startsAt: '', endsAt: '', place: '', coHosts: [], topic: '', title: '', participants: [], issuesRaised: '', legalOpinions: [], resolutions: '', followUps: [], photos: [] };
}
