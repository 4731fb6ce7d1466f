import { sha256Hex } from '../hashing';
import type { AnswerValue } from '../questionnaire/form';
import type { InterviewContext } from '../questionnaire/interview';
import { buildResponseData } from '../questionnaire/response';
import { finaliseRecord, type FinalisedRecord, type RecordData, type VisitOutcome } from '../records';
import { signatureData } from '../signature';
import type { Household } from './households';

/** Who made a record, on which device, and when: the fields every device record starts with. */
export interface Provenance {
  authorId: string;
  deviceId: string;
  createdAt: string;
  finalisedAt: string;
}

export function provenance(author: { authorId: string; deviceId: string }, now: Date): Provenance {
  const at = now.toISOString();
  return { ...author, createdAt: at, finalisedAt: at };
}

export interface NewHousehold {
  communityId: string;
  building: string;
  unit: string;
  room: string;
  notes?: string | undefined;
}

/** A household the office did not assign: a finalised record from the start, its address trimmed. */
export function householdRecord(id: string, input: NewHousehold, by: Provenance): FinalisedRecord {
  const notes = input.notes?.trim();
  const data: RecordData<'household'> = {
    ...by,
    communityId: input.communityId,
    building: input.building.trim(),
    unit: input.unit.trim(),
    room: input.room.trim(),
    ...(notes ? { notes } : {}),
  };
  return finaliseRecord('household', id, data);
}

export interface VisitOutcomeInput {
  outcome: Exclude<VisitOutcome, 'completed'>;
  revisitOn?: string | undefined;
  notes?: string | undefined;
}

/** A visit that did not lead to a questionnaire; only "come back later" keeps an agreed day. */
export function outcomeVisitRecord(id: string, household: Pick<Household, 'id' | 'communityId'>, roundId: string, input: VisitOutcomeInput, by: Provenance): FinalisedRecord {
  const notes = input.notes?.trim();
  const data: RecordData<'visit'> = {
    ...by,
    householdId: household.id,
    communityId: household.communityId,
    roundId,
    outcome: input.outcome,
    ...(input.outcome === 'come_back_later' && input.revisitOn ? { revisitOn: input.revisitOn } : {}),
    ...(notes ? { notes } : {}),
  };
  return finaliseRecord('visit', id, data);
}

/** How the resident signed: the image's bytes, or the reason they declined. */
export type SignatureBytesOrReason = { image: Uint8Array } | { declinedReason: string };

export interface CompletedInterview {
  /** The draft's id, which the response keeps. */
  responseId: string;
  signatureId: string;
  visitId: string;
  context: InterviewContext;
  answers: Record<string, AnswerValue>;
  author: { authorId: string; deviceId: string };
  /** When the draft was started. */
  createdAt: string;
  now: Date;
  signature: SignatureBytesOrReason;
}

/**
 * The three records of a finished questionnaire: the response (no address), the resident's
 * signature bound to the response's hash, and the completed visit naming the response.
 * Throws IncompleteResponseError when an answer is missing or wrong.
 */
export function completedInterviewRecords(input: CompletedInterview): { records: FinalisedRecord[]; blobHash?: string | undefined } {
  const { context, author } = input;
  const finalisedAt = input.now.toISOString();
  const response = finaliseRecord(
    'response',
    input.responseId,
    buildResponseData(context.definition, input.answers, {
      communityId: context.communityId,
      subdistrictId: context.subdistrictId,
      roundId: context.roundId,
      channel: 'field',
      ...author,
      createdAt: input.createdAt,
      finalisedAt,
    }),
  );
  const signed = 'image' in input.signature ? { blobHash: sha256Hex(input.signature.image) } : { declinedReason: input.signature.declinedReason };
  const signature = finaliseRecord(
    'signature',
    input.signatureId,
    signatureData({ signed: response, signedAt: finalisedAt, signerRole: 'resident', communityId: context.communityId, ...author, createdAt: finalisedAt, ...signed }),
  );
  const visit = finaliseRecord('visit', input.visitId, {
    ...author,
    createdAt: input.createdAt,
    finalisedAt,
    householdId: context.householdId,
    communityId: context.communityId,
    roundId: context.roundId,
    outcome: 'completed',
    responseId: response.id,
  });
  return { records: [response, signature, visit], blobHash: 'blobHash' in signed ? signed.blobHash : undefined };
}
