import type { SessionUser } from '../../shared/auth';
import { answerProblems } from '../../shared/questionnaire/response';
import { recordBlobReferences, type RecordData } from '../../shared/records';
import type { PushResult } from '../../shared/sync';
import { joinIssues } from '../../shared/validation';
import { questionnaireKeyOf, type PushLookups } from './look-up';
import { anotherUsersRecord, rejected } from './results';
import type { CheckedRecord } from './validate';

/**
 * Why a valid record still may not be stored, given what is stored and what the batch holds
 * (`batchHashes`: id → hash of the batch's records accepted so far), or undefined when it may:
 * what it names exists, and the pusher's rights that need the database (another user's id, the
 * case's sub-district, the image's uploader). Pure: the look-up stage supplies the lookups.
 */
export function referenceProblem(checked: CheckedRecord, lookups: PushLookups, batchHashes: ReadonlyMap<string, string>, pusher: Pick<SessionUser, 'id' | 'scope'>): PushResult | undefined {
  const { record, current } = checked;
  const communityId = String(current.communityId);
  if (!lookups.communities.has(communityId)) return rejected(record.id, `data.communityId: unknown community ${communityId}`);
  const stored = lookups.stored.get(record.id);
  if (stored && stored.hash !== record.hash && stored.authorId !== current.authorId) return anotherUsersRecord(record.id);
  if ((record.kind === 'visit' || record.kind === 'response') && !lookups.rounds.has(String(current.roundId))) {
    return rejected(record.id, `data.roundId: unknown round ${String(current.roundId)}`);
  }
  if (record.kind === 'response') return responseProblem(record.id, current as RecordData<'response'>, lookups);
  if (record.kind === 'revisit' || record.kind === 'case_report') {
    const raised = lookups.cases.get(String(current.caseId));
    if (!raised?.communityIds.includes(communityId)) return rejected(record.id, `data.caseId: no case ${String(current.caseId)} raised in ${communityId}`);
    if (pusher.scope.level === 'subdistrict' && !pusher.scope.ids.includes(raised.subdistrictId)) return rejected(record.id, `data.caseId: the case is outside your sub-district`);
  }
  const named = record.kind === 'signature' ? signedProblem(record.id, current as RecordData<'signature'>, lookups, batchHashes) : record.kind === 'deliberation_follow_up' ? followUpProblem(record.id, current as RecordData<'deliberation_follow_up'>, lookups, batchHashes) : undefined;
  if (named) return named;
  for (const { hash, field } of recordBlobReferences({ ...record, data: checked.data })) {
    const problem = blobProblem(record.id, field, hash, current.authorId, lookups, pusher.id);
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

/** A signature names the record it signs as it is: stored, or in the batch, with the hash it carries. */
function signedProblem(id: string, data: RecordData<'signature'>, lookups: PushLookups, batchHashes: ReadonlyMap<string, string>): PushResult | undefined {
  const signedHash = batchHashes.get(data.signedRecordId) ?? lookups.stored.get(data.signedRecordId)?.hash;
  if (signedHash === undefined) {
    // Two batches may be in flight: the signed record can still be on its way, so the device resends later.
    return { id, status: 'rejected', code: 'missing_record', error: `data.signedRecordId: no record ${data.signedRecordId} is stored or in this batch` };
  }
  if (signedHash !== data.signedHash) return rejected(id, 'data.signedHash: does not match the signed record');
  return undefined;
}
