import { z } from 'zod/mini';
import { hashCanonical, sha256HexPattern } from './hashing';

/**
 * Records made on devices. Each has a client-generated UUID v7, a schema version, device-clock
 * times and its author; once finalised it is immutable and carries the SHA-256 of its canonical
 * JSON. A correction is a new record naming the one it `supersedes`.
 */
export const deviceRecordKinds = ['household', 'visit', 'response', 'signature', 'deliberation'] as const;
export const deviceRecordKindSchema = z.enum(deviceRecordKinds);
export type DeviceRecordKind = z.infer<typeof deviceRecordKindSchema>;

export const recordIdSchema = z.uuid();
export const sha256Schema = z.string().check(z.regex(sha256HexPattern, 'a lower-case hex SHA-256'));
const isoTime = z.iso.datetime({ offset: true });
const isoDate = z.iso.date();
const shortText = (max: number) => z.string().check(z.maxLength(max));

/** Fields every device record's data carries. */
const provenance = {
  authorId: z.string().check(z.minLength(1)),
  deviceId: z.string().check(z.minLength(1)),
  /** Device clock when the record was started and finalised. */
  createdAt: isoTime,
  finalisedAt: isoTime,
  supersedes: z.optional(recordIdSchema),
};

export const householdDataSchema = z.object({
  ...provenance,
  communityId: z.string(),
  building: shortText(40),
  unit: shortText(40),
  room: shortText(40),
  notes: z.optional(shortText(500)),
});

export const visitOutcomes = ['completed', 'nobody_home', 'refused', 'moved', 'come_back_later'] as const;
export const visitOutcomeSchema = z.enum(visitOutcomes);
export type VisitOutcome = z.infer<typeof visitOutcomeSchema>;

/** Where the worker went and what happened; links to the response by id only. */
export const visitDataSchema = z.object({
  ...provenance,
  householdId: recordIdSchema,
  communityId: z.string(),
  roundId: z.string(),
  outcome: visitOutcomeSchema,
  revisitOn: z.optional(isoDate),
  responseId: z.optional(recordIdSchema),
  notes: z.optional(shortText(500)),
});

export const audiences = ['elderly', 'adult', 'work_unit'] as const;
export const audienceSchema = z.enum(audiences);
export type Audience = z.infer<typeof audienceSchema>;

/** An answer: an option id, several, a number, a text, or a yes/no. */
export const answerValueSchema = z.union([z.string(), z.array(z.string()), z.number(), z.boolean()]);
export type AnswerValue = z.infer<typeof answerValueSchema>;

/** What the resident answered; it does not carry the household's address. */
export const responseDataSchema = z.object({
  ...provenance,
  questionnaireId: z.string(),
  questionnaireVersion: z.int().check(z.positive()),
  audience: audienceSchema,
  communityId: z.string(),
  roundId: z.string(),
  channel: z.enum(['field', 'paper', 'online']),
  answers: z.record(z.string(), answerValueSchema),
});

/** Binds a signature image (a blob) to the hash of the content signed; or records why there is none. */
export const signatureDataSchema = z.object({
  ...provenance,
  communityId: z.string(),
  signedRecordId: recordIdSchema,
  signedRecordKind: deviceRecordKindSchema,
  signedHash: sha256Schema,
  signedAt: isoTime,
  signerRole: z.enum(['resident', 'attendee', 'host']),
  signerName: z.optional(shortText(100)),
  blobHash: z.optional(sha256Schema),
  declinedReason: z.optional(shortText(500)),
});

export const deliberationDataSchema = z.object({
  ...provenance,
  communityId: z.string(),
  heldOn: isoDate,
  place: shortText(200),
  hostAdviserId: z.string(),
  topic: z.string(),
  participants: z.array(z.object({ role: z.string(), count: z.int().check(z.nonnegative()) })),
  issuesRaised: shortText(5000),
  legalOpinions: shortText(5000),
  resolutions: shortText(5000),
  followUps: z.array(z.object({ action: shortText(1000), owner: shortText(200), dueOn: isoDate })),
});

export const recordDataSchemas = {
  household: householdDataSchema,
  visit: visitDataSchema,
  response: responseDataSchema,
  signature: signatureDataSchema,
  deliberation: deliberationDataSchema,
} as const;

export type RecordData<K extends DeviceRecordKind> = z.infer<(typeof recordDataSchemas)[K]>;

/** The current schema version of each kind's data. */
export const recordSchemaVersions: Readonly<Record<DeviceRecordKind, number>> = {
  household: 1,
  visit: 1,
  response: 1,
  signature: 1,
  deliberation: 1,
};

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A finalised record as stored on the device and pushed to the server. */
export const finalisedRecordSchema = z.object({
  id: recordIdSchema,
  kind: deviceRecordKindSchema,
  schemaVersion: z.int().check(z.positive()),
  hash: sha256Schema,
  // Checked as an object only: each kind's data schema checks the fields (validateRecord), and
  // not copying the data here keeps a 500-record batch cheap.
  data: z.custom<Record<string, unknown>>(isPlainObject, 'an object').register(z.globalRegistry, {
    description: "The record's content; its shape depends on `kind` (see the *RecordData schemas).",
  }),
});
export type FinalisedRecord = z.infer<typeof finalisedRecordSchema>;

/** The hash covers id, kind, schema version and data: everything but the hash itself. */
export function recordHash(record: Omit<FinalisedRecord, 'hash'>): string {
  return hashCanonical({ id: record.id, kind: record.kind, schemaVersion: record.schemaVersion, data: record.data });
}

export function finaliseRecord<K extends DeviceRecordKind>(kind: K, id: string, data: RecordData<K>): FinalisedRecord {
  const unhashed = { id, kind, schemaVersion: recordSchemaVersions[kind], data: data as Record<string, unknown> };
  return { ...unhashed, hash: recordHash(unhashed) };
}

/** Why a record is invalid ("field: reason; …"), or undefined when it is valid and its hash matches. */
export function validateRecord(record: FinalisedRecord): string | undefined {
  if (record.schemaVersion !== recordSchemaVersions[record.kind]) {
    return `schemaVersion: ${record.kind} records are at version ${recordSchemaVersions[record.kind]}, not ${record.schemaVersion}`;
  }
  const parsed = recordDataSchemas[record.kind].safeParse(record.data);
  if (!parsed.success) {
    return parsed.error.issues.map((issue) => `data.${issue.path.join('.')}: ${issue.message}`).join('; ');
  }
  if (recordHash(record) !== record.hash) return 'hash: does not match the canonical JSON of the record';
  return undefined;
}
