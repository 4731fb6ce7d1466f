import { z } from 'zod/mini';
import { deliberationTopics, followUpStatuses, participantKinds, sessionLimits } from './deliberation/vocabulary';
import { hashCanonical, sha256HexPattern } from './hashing';
import { roundIdSchema } from './organisation';
import { photoSchema } from './photos';
import { itemIdSchema } from './questionnaire/form';
import { joinIssues, nestsDeeperThan, withoutNullCharacter } from './validation';

/**
 * Records made on devices. Each has a client-generated UUID v7, a schema version, device-clock
 * times and its author; once finalised it is immutable and carries the SHA-256 of its canonical
 * JSON. A correction is a new record naming the one it `supersedes`.
 */
export const deviceRecordKinds = ['household', 'visit', 'response', 'signature', 'deliberation', 'deliberation_follow_up', 'revisit', 'case_report'] as const;
export const deviceRecordKindSchema = z.enum(deviceRecordKinds);
export type DeviceRecordKind = z.infer<typeof deviceRecordKindSchema>;

/**
 * A canonical UUID: lower-case, RFC 9562 version 1-8 and variant, never nil or max, so that one id
 * cannot be stored twice under two spellings.
 */
export const recordIdSchema = z.string().check(z.regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/, 'a lower-case UUID'));
export const sha256Schema = z.string().check(z.regex(sha256HexPattern, 'a lower-case hex SHA-256'));

/** Text of at most `max` characters, never holding U+0000 (which PostgreSQL cannot store). */
export function boundedText(max: number, min = 0) {
  return z.string().check(z.minLength(min), z.maxLength(max), withoutNullCharacter);
}
/** Server-side ids named in records: communities, users, devices, questionnaires. */
const referenceId = boundedText(100, 1);

/** Device clocks may be wrong, but not by centuries: year 0000 or 9999 would corrupt every report by date. */
export const earliestRecordTime = '2000-01-01T00:00:00Z';
export const latestRecordTime = '2100-01-01T00:00:00Z';
const isoTime = z.iso.datetime({ offset: true }).check(
  z.refine((time) => {
    const at = Date.parse(time);
    return at >= Date.parse(earliestRecordTime) && at < Date.parse(latestRecordTime);
  }, 'a time from 2000 to 2099'),
);
const isoDate = z.iso.date().check(z.refine((date) => date >= earliestRecordTime.slice(0, 10) && date < latestRecordTime.slice(0, 10), 'a date from 2000 to 2099'));
const shortText = (max: number) => boundedText(max);

/** Fields every device record's data carries. */
const provenance = {
  authorId: referenceId,
  deviceId: referenceId,
  /** Device clock when the record was started and finalised. */
  createdAt: isoTime,
  finalisedAt: isoTime,
  supersedes: z.optional(recordIdSchema),
};

/** Data schemas are strict: an unknown key is refused, never stored past the limits above. */
const finalisedAfterCreated = z.refine<{ createdAt: string; finalisedAt: string }>(
  (data) => Date.parse(data.finalisedAt) >= Date.parse(data.createdAt),
  { message: 'must not be before createdAt', path: ['finalisedAt'] },
);

export const householdDataSchema = z
  .strictObject({
    ...provenance,
    communityId: referenceId,
    building: shortText(40),
    unit: shortText(40),
    room: shortText(40),
    notes: z.optional(shortText(500)),
  })
  .check(finalisedAfterCreated);

export const visitOutcomes = ['completed', 'nobody_home', 'refused', 'moved', 'come_back_later'] as const;
export const visitOutcomeSchema = z.enum(visitOutcomes);
export type VisitOutcome = z.infer<typeof visitOutcomeSchema>;

/** Where the worker went and what happened; links to the response by id only. */
export const visitDataSchema = z
  .strictObject({
    ...provenance,
    householdId: recordIdSchema,
    communityId: referenceId,
    roundId: roundIdSchema,
    outcome: visitOutcomeSchema,
    revisitOn: z.optional(isoDate),
    responseId: z.optional(recordIdSchema),
    notes: z.optional(shortText(500)),
  })
  .check(finalisedAfterCreated);

export const audiences = ['elderly', 'adult', 'work_unit'] as const;
export const audienceSchema = z.enum(audiences);
export type Audience = z.infer<typeof audienceSchema>;

/** Limits on one response's answers: far above any questionnaire, far below what would hurt. */
export const answerLimits = { items: 300, textLength: 2000, selections: 50 } as const;

/** An answer: an option id, several, a number, a text, or a yes/no. */
export const answerValueSchema = z.union([
  boundedText(answerLimits.textLength),
  z.array(itemIdSchema).check(z.maxLength(answerLimits.selections)),
  z.number(),
  z.boolean(),
]);
export type AnswerValue = z.infer<typeof answerValueSchema>;

/** What the resident answered; it does not carry the household's address. */
export const responseDataSchema = z
  .strictObject({
    ...provenance,
    questionnaireId: referenceId,
    questionnaireVersion: z.int().check(z.positive()),
    audience: audienceSchema,
    communityId: referenceId,
    roundId: roundIdSchema,
    channel: z.enum(['field', 'paper', 'online']),
    answers: z
      .record(itemIdSchema, answerValueSchema)
      .check(z.refine((answers) => Object.keys(answers).length <= answerLimits.items, `at most ${answerLimits.items} answers`)),
  })
  .check(finalisedAfterCreated);

/** Binds a signature image (a blob) to the hash of the content signed; or records why there is none. */
export const signatureDataSchema = z
  .strictObject({
    ...provenance,
    communityId: referenceId,
    signedRecordId: recordIdSchema,
    signedRecordKind: deviceRecordKindSchema,
    signedHash: sha256Schema,
    signedAt: isoTime,
    signerRole: z.enum(['resident', 'attendee', 'host']),
    signerName: z.optional(shortText(100)),
    blobHash: z.optional(sha256Schema),
    declinedReason: z.optional(shortText(500)),
  })
  .check(
    finalisedAfterCreated,
    z.refine((data) => (data.blobHash !== undefined) !== (data.declinedReason !== undefined && data.declinedReason.trim() !== ''), {
      message: 'a signature has either an image (blobHash) or a reason for declining, not both or neither',
      path: ['blobHash'],
    }),
  );

export const deliberationLimits = { participants: 50, followUps: 100 } as const;

export const deliberationDataSchema = z
  .strictObject({
    ...provenance,
    communityId: referenceId,
    heldOn: isoDate,
    place: shortText(200),
    hostAdviserId: referenceId,
    topic: shortText(500),
    participants: z.array(z.strictObject({ role: shortText(100), count: z.int().check(z.nonnegative(), z.maximum(100_000)) })).check(z.maxLength(deliberationLimits.participants)),
    issuesRaised: shortText(5000),
    legalOpinions: shortText(5000),
    resolutions: shortText(5000),
    followUps: z
      .array(z.strictObject({ action: shortText(1000), owner: shortText(200), dueOn: isoDate }))
      .check(z.maxLength(deliberationLimits.followUps)),
  })
  .check(finalisedAfterCreated);

const clockTime = z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time of day HH:MM'));

/**
 * Version 2 of a session: times, co-hosts, a topic category with a title, participants by kind
 * (with optional names), legal opinions with the laws cited, follow-ups, photos and an optional
 * negative-list case. Attendees and the host sign it by signature records bound to its hash.
 */
export const deliberationDataSchemaV2 = z
  .strictObject({
    ...provenance,
    communityId: referenceId,
    heldOn: isoDate,
    /** Absent only on sessions recorded before version 2, which had no times. */
    startsAt: z.optional(clockTime),
    endsAt: z.optional(clockTime),
    place: shortText(200),
    hostAdviserId: referenceId,
    coHosts: z.array(shortText(100)).check(z.maxLength(sessionLimits.coHosts)),
    topic: z.enum(deliberationTopics),
    title: shortText(500),
    participants: z
      .array(
        z.strictObject({
          kind: z.enum(participantKinds),
          count: z.int().check(z.nonnegative(), z.maximum(100_000)),
          names: z.array(shortText(100)).check(z.maxLength(sessionLimits.namesPerGroup)),
          /** What a group of `others` is (and version 1's free-text role). */
          note: z.optional(shortText(100)),
        }),
      )
      .check(z.maxLength(sessionLimits.participantGroups)),
    issuesRaised: shortText(5000),
    legalOpinions: z
      .array(
        z.strictObject({
          opinion: shortText(5000),
          citations: z.array(z.strictObject({ law: shortText(200), article: shortText(100) })).check(z.maxLength(sessionLimits.citationsPerOpinion)),
        }),
      )
      .check(z.maxLength(sessionLimits.legalOpinions)),
    resolutions: shortText(5000),
    followUps: z.array(z.strictObject({ action: shortText(1000), owner: shortText(200), dueOn: isoDate })).check(z.maxLength(sessionLimits.followUps)),
    photos: z.array(photoSchema).check(z.maxLength(sessionLimits.photos)),
    /** A case of the negative list this session took up; opaque until cases are their own records. */
    negativeListCaseId: z.optional(shortText(100)),
  })
  .check(
    finalisedAfterCreated,
    z.refine((data) => !data.startsAt || !data.endsAt || data.endsAt >= data.startsAt, { message: 'must not be before startsAt', path: ['endsAt'] }),
  );

/**
 * Version 1 had free texts for the topic, participants' roles and legal opinions: the topic becomes
 * the title under "other", each role a group of others named by it, the opinions one opinion.
 */
function deliberationV1ToV2(previous: Record<string, unknown>): Record<string, unknown> {
  const v1 = previous as z.infer<typeof deliberationDataSchema>;
  const { topic, participants, legalOpinions, ...kept } = v1;
  return {
    ...kept,
    coHosts: [],
    topic: 'other',
    title: topic,
    participants: participants.map(({ role, count }) => ({ kind: 'others', count, names: [], note: role.slice(0, 100) })),
    legalOpinions: legalOpinions.trim() === '' ? [] : [{ opinion: legalOpinions, citations: [] }],
    photos: [],
  };
}

/**
 * How one follow-up action of a signed session stands, reported later as its own record: the
 * signed session never changes. `followUpIndex` is the action's position in the session's list.
 */
export const deliberationFollowUpDataSchema = z
  .strictObject({
    ...provenance,
    communityId: referenceId,
    sessionId: recordIdSchema,
    sessionHash: sha256Schema,
    followUpIndex: z.int().check(z.nonnegative(), z.maximum(sessionLimits.followUps - 1)),
    status: z.enum(followUpStatuses),
    note: shortText(2000),
    reportedOn: isoDate,
    photo: z.optional(photoSchema),
  })
  .check(finalisedAfterCreated);

export const revisitOutcomes = ['improved', 'partly', 'not_improved'] as const;
export const revisitOutcomeSchema = z.enum(revisitOutcomes);
export type RevisitOutcome = z.infer<typeof revisitOutcomeSchema>;

/** Back at the door after a case was reported fixed: what the residents said (issue 8). */
export const revisitDataSchema = z
  .strictObject({
    ...provenance,
    communityId: referenceId,
    caseId: recordIdSchema,
    outcome: revisitOutcomeSchema,
    residentsAsked: z.int().check(z.positive(), z.maximum(1000)),
    comment: z.optional(shortText(1000)),
  })
  .check(finalisedAfterCreated);

/** The steps an officer may report from the device, offline included (issue 8): progress, and the rectification done. */
export const caseReportActions = ['progress', 'report_fixed'] as const;
export const caseReportActionSchema = z.enum(caseReportActions);
export type CaseReportAction = z.infer<typeof caseReportActionSchema>;
/** Photos of one report, as a case event keeps at most (shared/cases/api.ts maxEvidencePerEvent). */
const caseReportPhotos = 10;

/**
 * A sub-district officer's report on a case, made on the device and applied to the case when the
 * server receives it (as a revisit is). `communityId` is one of the case's communities, which
 * scopes the record; the photos are blobs by hash, uploaded first.
 */
export const caseReportDataSchema = z
  .strictObject({
    ...provenance,
    communityId: referenceId,
    caseId: recordIdSchema,
    action: caseReportActionSchema,
    note: shortText(2000).check(z.refine((text) => text.trim() !== '', 'must say what was done')),
    photos: z.array(photoSchema).check(z.maxLength(caseReportPhotos)),
  })
  .check(finalisedAfterCreated);

export const recordDataSchemas = {
  household: householdDataSchema,
  visit: visitDataSchema,
  response: responseDataSchema,
  signature: signatureDataSchema,
  deliberation: deliberationDataSchemaV2,
  deliberation_follow_up: deliberationFollowUpDataSchema,
  revisit: revisitDataSchema,
  case_report: caseReportDataSchema,
} as const;

export type RecordData<K extends DeviceRecordKind> = z.infer<(typeof recordDataSchemas)[K]>;

type Data = Record<string, unknown>;

/**
 * One version of a kind's data: its schema, and `up`, the pure step that turns data of the
 * previous version into this one (absent for version 1). Published versions never change.
 */
export interface RecordKindVersion {
  schema: z.ZodMiniType<Data>;
  up?: (previous: Data) => Data;
}

/** Each kind's versions, oldest first: version n is entry n - 1, the last is current. */
export type RecordVersionRegistry = Readonly<Record<DeviceRecordKind, readonly RecordKindVersion[]>>;

export const recordVersions: RecordVersionRegistry = {
  household: [{ schema: householdDataSchema }],
  visit: [{ schema: visitDataSchema }],
  response: [{ schema: responseDataSchema }],
  signature: [{ schema: signatureDataSchema }],
  deliberation: [{ schema: deliberationDataSchema }, { schema: deliberationDataSchemaV2, up: deliberationV1ToV2 }],
  deliberation_follow_up: [{ schema: deliberationFollowUpDataSchema }],
  revisit: [{ schema: revisitDataSchema }],
  case_report: [{ schema: caseReportDataSchema }],
};

/** The current schema version of each kind's data. */
export const recordSchemaVersions: Readonly<Record<DeviceRecordKind, number>> = currentVersions(recordVersions);

export function currentVersions(registry: RecordVersionRegistry): Record<DeviceRecordKind, number> {
  return Object.fromEntries(deviceRecordKinds.map((kind) => [kind, registry[kind].length])) as Record<DeviceRecordKind, number>;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A finalised record as stored on the device and pushed to the server. */
export const finalisedRecordSchema = z.object({
  id: recordIdSchema,
  kind: deviceRecordKindSchema,
  schemaVersion: z.int().check(z.positive()),
  hash: sha256Schema,
  // Checked as an object only: each kind's data schema checks the fields (checkRecord), and
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

/** Deeper data than any kind's schema has is refused before hashing, which recurses. */
export const maxRecordDepth = 8;

/** The envelope of one pushed record, checked alone, so that a bad one is rejected and the rest go through. */
export type EnvelopeCheck = { ok: true; record: FinalisedRecord } | { ok: false; id: string; error: string };

/**
 * The id a result names for a record whose envelope is invalid: its id as given (at most 100
 * characters), or "" when it has none that is a string.
 */
export function reportedId(raw: unknown): string {
  const id = isPlainObject(raw) ? raw.id : undefined;
  return typeof id === 'string' ? id.slice(0, 100) : '';
}

export function checkEnvelope(raw: unknown): EnvelopeCheck {
  if (nestsDeeperThan(raw, maxRecordDepth)) return { ok: false, id: reportedId(raw), error: `record: nests deeper than ${maxRecordDepth} levels` };
  const parsed = finalisedRecordSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, id: reportedId(raw), error: issuesMessage(parsed.error.issues, '') };
  return { ok: true, record: parsed.data };
}

type Issue = { path: PropertyKey[]; message: string; code?: string; keys?: string[] };

/** zod/mini carries no English messages (to keep the app small): name the unknown keys ourselves. */
function issueText(issue: Issue): string {
  if (issue.code === 'unrecognized_keys' && issue.keys) return `unknown keys ${issue.keys.slice(0, 5).map((key) => JSON.stringify(key.slice(0, 40))).join(', ')}`;
  return issue.message;
}

function issuesMessage(issues: readonly Issue[], prefix: string): string {
  return joinIssues(issues.map((issue) => `${[prefix, ...issue.path.map(String)].filter(Boolean).join('.') || 'record'}: ${issueText(issue)}`));
}

/**
 * A record's data brought to its kind's current version by the `up` steps, without checking it.
 * The hash stays that of the record as made: verify it (recordHash) before upgrading.
 */
export function upgradeRecord(record: FinalisedRecord, registry: RecordVersionRegistry = recordVersions): FinalisedRecord {
  const versions = registry[record.kind];
  let data = record.data;
  for (let version = record.schemaVersion + 1; version <= versions.length; version += 1) data = versions[version - 1]!.up!(data);
  return { ...record, schemaVersion: versions.length, data };
}

export type RecordCheck =
  | {
      ok: true;
      /** The data as sent, parsed by its own version's schema: what is stored (its hash holds). */
      data: Data;
      /** The data upgraded to the current version and checked: what the server's rules read. */
      current: Data;
    }
  | { ok: false; error: string };

/**
 * Checks a record against the version it names (known to `registry`), its hash over the record as
 * made, then its data upgraded to the current version. Device and server use this one definition.
 */
export function checkRecord(record: FinalisedRecord, registry: RecordVersionRegistry = recordVersions): RecordCheck {
  const versions = registry[record.kind];
  const named = versions[record.schemaVersion - 1];
  if (!named) return { ok: false, error: `schemaVersion: ${record.kind} records are at version ${versions.length}, not ${record.schemaVersion}` };
  if (nestsDeeperThan(record.data, maxRecordDepth)) return { ok: false, error: `data: nests deeper than ${maxRecordDepth} levels` };
  if (recordHash(record) !== record.hash) return { ok: false, error: 'hash: does not match the canonical JSON of the record' };
  const asSent = named.schema.safeParse(record.data);
  if (!asSent.success) return { ok: false, error: issuesMessage(asSent.error.issues, 'data') };
  if (record.schemaVersion === versions.length) return { ok: true, data: asSent.data, current: asSent.data };
  const upgraded = versions[versions.length - 1]!.schema.safeParse(upgradeRecord({ ...record, data: asSent.data }, registry).data);
  if (!upgraded.success) return { ok: false, error: issuesMessage(upgraded.error.issues, `data (upgraded to version ${versions.length})`) };
  return { ok: true, data: asSent.data, current: upgraded.data };
}

/** Why a record is invalid ("field: reason; …"), or undefined when it is valid and its hash matches. */
export function validateRecord(record: FinalisedRecord, registry: RecordVersionRegistry = recordVersions): string | undefined {
  const checked = checkRecord(record, registry);
  return checked.ok ? undefined : checked.error;
}
