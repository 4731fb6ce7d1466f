import { v7 as uuidv7 } from 'uuid';
import { finaliseRecord, type FinalisedRecord, type RecordData } from '../../src/shared/records';

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

export function responseRecord(author: Author, answers: Record<string, string> = { q1: 'satisfied' }, id = uuidv7()): FinalisedRecord {
  return finaliseRecord('response', id, {
    authorId: author.id,
    deviceId: author.deviceId ?? 'device-a',
    ...times,
    questionnaireId: 'elderly',
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
  options: { roundId?: string; audience?: 'elderly' | 'adult' | 'work_unit'; channel?: 'field' | 'paper' | 'online' } = {},
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
  });
}
