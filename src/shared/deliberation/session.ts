import type { Provenance } from '../fieldwork/records';
import { finaliseRecord, type FinalisedRecord, type RecordData } from '../records';
import { signatureData } from '../signature';
import type { SessionContent } from './content';
import type { FollowUpStatus } from './vocabulary';

/** The draft form of a session (StoredDraft.formId), so its drafts are told from others. */
export const sessionFormId = 'deliberation-session';

/** The local calendar day (YYYY-MM-DD) of a moment where the code runs. */
export function localDay(now: Date): string {
  return new Date(now.getTime() - now.getTimezoneOffset() * 60_000).toISOString().slice(0, 10);
}

const trimmed = (texts: readonly string[]) => texts.map((text) => text.trim()).filter((text) => text !== '');

/** The session as signed: texts trimmed, empty entries left out, host and community named. */
export function sessionRecord(id: string, content: SessionContent, about: { communityId: string; hostAdviserId: string }, by: Provenance & { createdAt: string }): FinalisedRecord {
  const { startsAt, endsAt, negativeListCaseId, ...rest } = content;
  const caseId = negativeListCaseId?.trim();
  const data: RecordData<'deliberation'> = {
    ...by,
    ...rest,
    communityId: about.communityId,
    hostAdviserId: about.hostAdviserId,
    ...(startsAt ? { startsAt } : {}),
    ...(endsAt ? { endsAt } : {}),
    place: content.place.trim(),
    title: content.title.trim(),
    coHosts: trimmed(content.coHosts),
    participants: content.participants.map(({ note, names, ...group }) => ({ ...group, names: trimmed(names), ...(note?.trim() ? { note: note.trim() } : {}) })),
    issuesRaised: content.issuesRaised.trim(),
    legalOpinions: content.legalOpinions
      .map(({ opinion, citations }) => ({ opinion: opinion.trim(), citations: citations.map(({ law, article }) => ({ law: law.trim(), article: article.trim() })).filter(({ law }) => law !== '') }))
      .filter(({ opinion }) => opinion !== ''),
    resolutions: content.resolutions.trim(),
    followUps: content.followUps.map(({ action, owner, dueOn }) => ({ action: action.trim(), owner: owner.trim(), dueOn })).filter(({ action }) => action !== ''),
    ...(caseId ? { negativeListCaseId: caseId } : {}),
  };
  return finaliseRecord('deliberation', id, data);
}

/** One person's signature on the session as it stands: an image (by hash) bound to its hash. */
export interface SessionSigner {
  signatureId: string;
  signerRole: 'attendee' | 'host';
  signerName?: string | undefined;
  blobHash: string;
  signedAt: string;
}

export function sessionSignatureRecord(session: FinalisedRecord, signer: SessionSigner, author: { authorId: string; deviceId: string }): FinalisedRecord {
  const name = signer.signerName?.trim();
  return finaliseRecord('signature', signer.signatureId, {
    ...signatureData({
      signed: session,
      signedAt: signer.signedAt,
      signerRole: signer.signerRole,
      communityId: String(session.data.communityId),
      ...author,
      createdAt: signer.signedAt,
      blobHash: signer.blobHash,
    }),
    ...(name ? { signerName: name } : {}),
  });
}

export interface FollowUpReport {
  followUpIndex: number;
  status: FollowUpStatus;
  note: string;
  reportedOn: string;
  photo?: RecordData<'deliberation_follow_up'>['photo'];
}

/** Progress on one action of a signed session, as a new record naming the session and its hash. */
export function followUpRecord(id: string, session: FinalisedRecord, report: FollowUpReport, by: Provenance): FinalisedRecord {
  const action = (session.data as RecordData<'deliberation'>).followUps[report.followUpIndex];
  if (!action) throw new Error(`the session has no follow-up action ${report.followUpIndex}`);
  return finaliseRecord('deliberation_follow_up', id, {
    ...by,
    communityId: String(session.data.communityId),
    sessionId: session.id,
    sessionHash: session.hash,
    followUpIndex: report.followUpIndex,
    status: report.status,
    note: report.note.trim(),
    reportedOn: report.reportedOn,
    ...(report.photo ? { photo: report.photo } : {}),
  });
}

/** Where a follow-up action stands on a day: done, overdue, due within the week, or open. */
export type FollowUpStanding = 'done' | 'overdue' | 'due' | 'open';

/** How many days before its due date an action counts as due. */
export const dueWithinDays = 7;

export interface FollowUpLine {
  sessionId: string;
  communityId: string;
  title: string;
  heldOn: string;
  followUpIndex: number;
  action: string;
  owner: string;
  dueOn: string;
  standing: FollowUpStanding;
  /** The latest report on it, if any. */
  latest?: { status: FollowUpStatus; note: string; reportedOn: string } | undefined;
}

function addDays(day: string, days: number): string {
  const at = new Date(`${day}T00:00:00Z`);
  at.setUTCDate(at.getUTCDate() + days);
  return at.toISOString().slice(0, 10);
}

/**
 * Every follow-up action of the sessions with where it stands on `today` (a local date): the latest
 * report (by reportedOn, then finalisedAt) decides; only "done" closes an action.
 */
export function followUpLines(sessions: ReadonlyArray<Pick<FinalisedRecord, 'id' | 'data'>>, reports: readonly FinalisedRecord[], today: string): FollowUpLine[] {
  const latest = new Map<string, RecordData<'deliberation_follow_up'>>();
  for (const report of reports) {
    const data = report.data as RecordData<'deliberation_follow_up'>;
    const key = `${data.sessionId}#${data.followUpIndex}`;
    const known = latest.get(key);
    if (!known || [data.reportedOn, data.finalisedAt].join() > [known.reportedOn, known.finalisedAt].join()) latest.set(key, data);
  }
  const soon = addDays(today, dueWithinDays);
  return sessions.flatMap((session) => {
    const data = session.data as RecordData<'deliberation'>;
    return data.followUps.map((action, followUpIndex) => {
      const report = latest.get(`${session.id}#${followUpIndex}`);
      const standing: FollowUpStanding = report?.status === 'done' ? 'done' : action.dueOn < today ? 'overdue' : action.dueOn <= soon ? 'due' : 'open';
      return {
        sessionId: session.id,
        communityId: data.communityId,
        title: data.title,
        heldOn: data.heldOn,
        followUpIndex,
        ...action,
        standing,
        latest: report && { status: report.status, note: report.note, reportedOn: report.reportedOn },
      };
    });
  });
}
