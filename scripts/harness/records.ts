import { v7 as uuidv7 } from 'uuid';
import { defaultQuestionnaires } from '../../src/server/demo/templates';
import { finaliseRecord, type AnswerValue, type FinalisedRecord, type RecordData } from '../../src/shared/records';

export interface Author {
  id: string;
  communityId: string;
  deviceId?: string;
}

const times = { createdAt: '2026-03-02T09:00:00.000Z', finalisedAt: '2026-03-02T09:10:00.000Z' };

export function visitRecord(author: Author, overrides: Partial<RecordData<'visit'>> = {}, id = uuidv7()): FinalisedRecord {
  return finaliseRecord('visit', id, {
    authorId: author.id,
    deviceId: author.deviceId ?? 'device-a',
    ...times,
    householdId: uuidv7(),
    communityId: author.communityId,
    roundId: '2026-H1',
    outcome: 'nobody_home',
    ...overrides,
  });
}

/** A response to the demo's elderly questionnaire (version 1), with answers to its items. */
export function responseRecord(author: Author, answers: Record<string, AnswerValue> = { sat_pb_org_service: 'satisfied' }, id = uuidv7()): FinalisedRecord {
  return finaliseRecord('response', id, {
    authorId: author.id,
    deviceId: author.deviceId ?? 'device-a',
    ...times,
    questionnaireId: 'resident-elderly',
    questionnaireVersion: 1,
    audience: 'elderly',
    communityId: author.communityId,
    roundId: '2026-H1',
    channel: 'field',
    answers,
  });
}

export function signatureRecord(author: Author, signed: FinalisedRecord, blobHash: string, id = uuidv7()): FinalisedRecord {
  return finaliseRecord('signature', id, {
    authorId: author.id,
    deviceId: author.deviceId ?? 'device-a',
    ...times,
    communityId: author.communityId,
    signedRecordId: signed.id,
    signedRecordKind: signed.kind as RecordData<'signature'>['signedRecordKind'],
    signedHash: signed.hash,
    signedAt: times.finalisedAt,
    signerRole: 'resident',
    blobHash,
  });
}

/** A response to the demo questionnaire of `audience` (resident-elderly@1 by default) for a given round. */
export function questionnaireResponse(
  author: Author,
  answers: Record<string, string | string[] | boolean>,
  options: { roundId?: string; audience?: 'elderly' | 'adult' | 'work_unit'; channel?: 'field' | 'paper' | 'online'; supersedes?: string } = {},
  id = uuidv7(),
): FinalisedRecord {
  const audience = options.audience ?? 'elderly';
  const questionnaireId = { elderly: 'resident-elderly', adult: 'resident-adult', work_unit: 'work-unit' }[audience];
  return finaliseRecord('response', id, {
    authorId: author.id,
    deviceId: author.deviceId ?? 'device-a',
    ...times,
    questionnaireId,
    questionnaireVersion: 1,
    audience,
    communityId: author.communityId,
    roundId: options.roundId ?? '2026-H1',
    channel: options.channel ?? 'field',
    answers,
    ...(options.supersedes ? { supersedes: options.supersedes } : {}),
  });
}
export function householdRecord(author: Author, overrides: Partial<RecordData<'household'>> = {}, id = uuidv7()): FinalisedRecord {
  return finaliseRecord('household', id, {
    authorId: author.id,
    deviceId: author.deviceId ?? 'device-a',
    ...times,
    communityId: author.communityId,
    building: '1',
    unit: '1',
    room: '101',
    ...overrides,
  });
}

const satisfactionAnswers = ['very_satisfied', 'satisfied', 'fair', 'unsatisfied', 'no_opinion'];

/** About 1 KB of answers to every item of the demo's elderly questionnaire, with a comment, varied by `i`. */
export function fullElderlyAnswers(i: number): Record<string, AnswerValue> {
  const elderly = defaultQuestionnaires.find((q) => q.id === 'resident-elderly')!;
  const satisfaction = elderly.items.filter((item) => item.kind === 'satisfaction').map((item, q) => [item.id, satisfactionAnswers[(i + q) % satisfactionAnswers.length]!]);
  return { ...Object.fromEntries(satisfaction), grid_visited: true, concerns: ['other'], concerns_other: `住户意见 ${i}：${'楼道照明需要维修。'.repeat(8)}` };
}

/** A fixed visit's data, for tests that need the same content every time. */
export const sampleVisitData: RecordData<'visit'> = {
  authorId: 'user-1',
  deviceId: 'device-1',
  createdAt: '2026-03-02T09:00:00+08:00',
  finalisedAt: '2026-03-02T09:05:00+08:00',
  householdId: '0190f0a0-0000-7000-8000-0000000000a1',
  communityId: 'yijiangmen-c01',
  roundId: '2026-H1',
  outcome: 'nobody_home',
};

/** Residents' answer at a re-visit of a case reported fixed. */
export function revisitRecord(author: Author, caseId: string, outcome: RecordData<'revisit'>['outcome'], comment?: string, id = uuidv7()): FinalisedRecord {
  return finaliseRecord('revisit', id, {
    authorId: author.id,
    deviceId: author.deviceId ?? 'device-a',
    ...times,
    communityId: author.communityId,
    caseId,
    outcome,
    residentsAsked: 2,
    ...(comment ? { comment } : {}),
  });
}

/** A sub-district officer's report on a case, made on the device (`communityId`: one of the case's communities). */
export function caseReportRecord(author: Author, caseId: string, action: RecordData<'case_report'>['action'], note: string, photoHashes: readonly string[] = [], id = uuidv7()): FinalisedRecord {
  return finaliseRecord('case_report', id, {
    authorId: author.id,
    deviceId: author.deviceId ?? 'device-a',
    ...times,
    communityId: author.communityId,
    caseId,
    action,
    note,
    photos: photoHashes.map((blobHash) => ({ blobHash, mediaType: 'image/jpeg' as const, bytes: 1000 })),
  });
}
