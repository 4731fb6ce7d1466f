import type { SessionUser } from '../../shared/auth';
import { questionnaireDefinitionSchema, type QuestionnaireDefinition } from '../../shared/questionnaire/definition';
import { answerProblems } from '../../shared/questionnaire/response';
import { checkEnvelope, checkRecord, type DeviceRecordKind, type FinalisedRecord, type RecordData, type RecordVersionRegistry } from '../../shared/records';
import type { Role } from '../../shared/roles';
import type { PushResult } from '../../shared/sync';
import { joinIssues } from '../../shared/validation';

/**
 * Who may push what, and what a pushed record must refer to: the one owner of these rules for the
 * push route and the records repository. Pure functions; the repository supplies what it looked up.
 */

/** Which record kinds each role may push; office roles import exported files on behalf of others. */
const pushableKinds: Readonly<Record<Role, readonly DeviceRecordKind[] | 'all'>> = {
  grid_worker: ['household', 'visit', 'response', 'signature', 'revisit'],
  legal_adviser: ['deliberation', 'signature', 'deliberation_follow_up'],
  subdistrict_officer: ['case_report'],
  supervisor: 'all',
  admin: 'all',
  department: [],
};

/** Roles that push records at all (the route refuses the others with 403). */
export const pushingRoles = (Object.keys(pushableKinds) as Role[]).filter((role) => pushableKinds[role] === 'all' || pushableKinds[role].length > 0);

/** Roles whose records must be their own work, in their own communities. */
const fieldRoles: readonly Role[] = ['grid_worker', 'legal_adviser'];

/** A record whose envelope, data and hash hold, with its data as sent and upgraded to the current version. */
export interface CheckedRecord {
  record: FinalisedRecord;
  /** As sent, parsed by its version's schema: what is stored. */
  data: Record<string, unknown>;
  /** Upgraded to the current version: what the rules below read. */
  current: Record<string, unknown>;
}

export type Prechecked = { ok: true; checked: CheckedRecord } | { ok: false; result: PushResult };

function rejected(id: string, error: string): PushResult {
  return { id, status: 'rejected', code: 'invalid', error };
}

/** A version of an id that another user's record holds is refused, never kept as a conflict. */
export function anotherUsersRecord(id: string): PushResult {
  return rejected(id, "id: belongs to another user's record");
}

/** Checks that need no database: envelope, data, hash and the pusher's rights, one record at a time. */
export function precheckRecord(user: SessionUser, raw: unknown, registry: RecordVersionRegistry): Prechecked {
  const envelope = checkEnvelope(raw);
  if (!envelope.ok) return { ok: false, result: rejected(envelope.id, envelope.error) };
  const { record } = envelope;
  const allowed = pushableKinds[user.role];
  if (allowed !== 'all' && !allowed.includes(record.kind)) return { ok: false, result: rejected(record.id, `kind: the role ${user.role} may not push ${record.kind} records`) };
  const checked = checkRecord(record, registry);
  if (!checked.ok) return { ok: false, result: rejected(record.id, checked.error) };
  const { current } = checked;
  if (fieldRoles.includes(user.role)) {
    if (current.authorId !== user.id) return { ok: false, result: rejected(record.id, 'data.authorId: a field worker may push only records they made') };
    if (!user.scope.ids.includes(String(current.communityId))) return { ok: false, result: rejected(record.id, `data.communityId: ${String(current.communityId)} is outside your communities`) };
  }
  // An officer's reports are its own; their case's sub-district is checked against the database (referenceProblem).
  if (user.role === 'subdistrict_officer' && current.authorId !== user.id) return { ok: false, result: rejected(record.id, 'data.authorId: an officer may push only reports they made') };
  return { ok: true, checked: { record, data: checked.data, current } };
}

/** What the records of a batch refer to, for the repository to look up. */
export interface PushReferences {
  ids: string[];
  communityIds: string[];
  roundIds: string[];
  /** `${id}@${version}`, as questionnaires are published. */
  questionnaireKeys: string[];
  blobHashes: string[];
  caseIds: string[];
}

function questionnaireKeyOf(data: Record<string, unknown>): string {
  return `${String(data.questionnaireId)}@${String(data.questionnaireVersion)}`;
}

function unique(values: Iterable<string>): string[] {
  return [...new Set(values)];
}

export function pushReferences(records: readonly CheckedRecord[]): PushReferences {
  const currentOf = (kind: DeviceRecordKind) => records.filter((r) => r.record.kind === kind).map((r) => r.current);
  return {
    ids: unique(records.flatMap((r) => [r.record.id, ...referencedRecordIds(r)])),
    communityIds: unique(records.map((r) => String(r.current.communityId))),
    roundIds: unique([...currentOf('visit'), ...currentOf('response')].map((data) => String(data.roundId))),
    questionnaireKeys: unique(currentOf('response').map(questionnaireKeyOf)),
    blobHashes: unique([
      ...currentOf('signature').flatMap((data) => (typeof data.blobHash === 'string' ? [data.blobHash] : [])),
      ...records.flatMap((r) => photoHashes(r.record.kind, r.current)),
    ]),
    caseIds: unique([...currentOf('revisit'), ...currentOf('case_report')].map((data) => String(data.caseId))),
  };
}

/** The records a record names and must find stored (or earlier in its batch). */
function referencedRecordIds({ record, current }: CheckedRecord): string[] {
  if (record.kind === 'signature') return [String(current.signedRecordId)];
  if (record.kind === 'deliberation_follow_up') return [String(current.sessionId)];
  return [];
}

/** The photos a session or a follow-up names; their blobs must be on the server first, as a signature's image. */
function photoHashes(kind: DeviceRecordKind, data: Record<string, unknown>): string[] {
  if (kind === 'deliberation' || kind === 'case_report') return (data as RecordData<'deliberation' | 'case_report'>).photos.map((photo) => photo.blobHash);
  if (kind === 'deliberation_follow_up') {
    const { photo } = data as RecordData<'deliberation_follow_up'>;
    return photo ? [photo.blobHash] : [];
  }
  return [];
}

/** What the database holds of a batch's references. */
export interface PushLookups {
  /** Stored records by id: their hash and author. */
  stored: Map<string, { hash: string; authorId: string }>;
  communities: Set<string>;
  rounds: Set<string>;
  /** Published questionnaire definitions by `${id}@${version}` (unparsable ones are left out). */
  questionnaires: Map<string, QuestionnaireDefinition>;
  /** Stored blobs by hash: everyone who uploaded its bytes. */
  blobs: Map<string, ReadonlySet<string>>;
  /** Cases named by re-visit records and officers' reports: the communities each was raised in, and its sub-district. */
  cases: Map<string, { communityIds: string[]; subdistrictId: string }>;
}

/** A stored questionnaire entity as a definition, or undefined if it does not parse. */
export function parseQuestionnaire(data: unknown): QuestionnaireDefinition | undefined {
  const parsed = questionnaireDefinitionSchema.safeParse(data);
  return parsed.success ? parsed.data : undefined;
}

/**
 * Why a valid record still may not be stored, given what is stored and what the batch holds
 * (`batchHashes`: id → hash of the batch's records accepted so far), or undefined when it may.
 */
export function referenceProblem(checked: CheckedRecord, lookups: PushLookups, batchHashes: ReadonlyMap<string, string>, pusher: Pick<SessionUser, 'id' | 'scope'>): PushResult | undefined {
  const { record, current } = checked;
  const pusherId = pusher.id;
  const communityId = String(current.communityId);
  if (!lookups.communities.has(communityId)) return rejected(record.id, `data.communityId: unknown community ${communityId}`);
  const stored = lookups.stored.get(record.id);
  if (stored && stored.hash !== record.hash && stored.authorId !== current.authorId) {
    return anotherUsersRecord(record.id);
  }
  if ((record.kind === 'visit' || record.kind === 'response') && !lookups.rounds.has(String(current.roundId))) {
    return rejected(record.id, `data.roundId: unknown round ${String(current.roundId)}`);
  }
  if (record.kind === 'response') return responseProblem(record.id, current as RecordData<'response'>, lookups);
  if (record.kind === 'revisit' || record.kind === 'case_report') {
    const raised = lookups.cases.get(String(current.caseId));
    if (!raised?.communityIds.includes(communityId)) return rejected(record.id, `data.caseId: no case ${String(current.caseId)} raised in ${communityId}`);
    if (pusher.scope.level === 'subdistrict' && !pusher.scope.ids.includes(raised.subdistrictId)) return rejected(record.id, `data.caseId: the case is outside your sub-district`);
  }
  if (record.kind === 'signature') return signatureProblem(record.id, current as RecordData<'signature'>, lookups, batchHashes, pusherId);
  if (record.kind === 'deliberation_follow_up') {
    const problem = followUpProblem(record.id, current as RecordData<'deliberation_follow_up'>, lookups, batchHashes);
    if (problem) return problem;
  }
  for (const hash of photoHashes(record.kind, current)) {
    const problem = blobProblem(record.id, record.kind === 'deliberation_follow_up' ? 'data.photo' : 'data.photos', hash, current.authorId, lookups, pusherId);
    if (problem) return problem;
  }
  return undefined;
}

/** A follow-up names a signed session as it is: stored, or earlier in the batch, with the same hash. */
function followUpProblem(id: string, data: RecordData<'deliberation_follow_up'>, lookups: PushLookups, batchHashes: ReadonlyMap<string, string>): PushResult | undefined {
  const sessionHash = batchHashes.get(data.sessionId) ?? lookups.stored.get(data.sessionId)?.hash;
  if (sessionHash === undefined) return { id, status: 'rejected', code: 'missing_record', error: `data.sessionId: no session ${data.sessionId} is stored or in this batch` };
  if (sessionHash !== data.sessionHash) return rejected(id, 'data.sessionHash: does not match the session');
  return undefined;
}

/** An image a record binds must be on the server, uploaded by the record's author or its pusher. */
function blobProblem(id: string, field: string, hash: string, authorId: unknown, lookups: PushLookups, pusherId: string): PushResult | undefined {
  const uploaders = lookups.blobs.get(hash);
  if (uploaders === undefined) return { id, status: 'rejected', code: 'missing_blob', blobHash: hash, error: `missing blob ${hash}: upload it first` };
  // The image comes from the device that took it (or the office importing its file):
  // a record may not bind an image only someone else uploaded, in another community or scope.
  if (!uploaders.has(String(authorId)) && !uploaders.has(pusherId)) return rejected(id, `${field}: the image was uploaded by another user`);
  return undefined;
}

function responseProblem(id: string, data: RecordData<'response'>, lookups: PushLookups): PushResult | undefined {
  const key = questionnaireKeyOf(data);
  const definition = lookups.questionnaires.get(key);
  if (!definition) return rejected(id, `data.questionnaireId: no published questionnaire ${key}`);
  if (definition.audience !== data.audience) return rejected(id, `data.audience: ${key} is for ${definition.audience}, not ${data.audience}`);
  const problems = answerProblems(definition, data.answers);
  return problems.length > 0 ? rejected(id, joinIssues(problems)) : undefined;
}

function signatureProblem(id: string, data: RecordData<'signature'>, lookups: PushLookups, batchHashes: ReadonlyMap<string, string>, pusherId: string): PushResult | undefined {
  const signedHash = batchHashes.get(data.signedRecordId) ?? lookups.stored.get(data.signedRecordId)?.hash;
  if (signedHash === undefined) {
    // Two batches may be in flight: the signed record can still be on its way, so the device resends later.
    return { id, status: 'rejected', code: 'missing_record', error: `data.signedRecordId: no record ${data.signedRecordId} is stored or in this batch` };
  }
  if (signedHash !== data.signedHash) return rejected(id, 'data.signedHash: does not match the signed record');
  return data.blobHash === undefined ? undefined : blobProblem(id, 'data.blobHash', data.blobHash, data.authorId, lookups, pusherId);
}
