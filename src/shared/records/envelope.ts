import { z } from 'zod/mini';
import { hashCanonical } from '../hashing';
import { nestsDeeperThan } from '../validation';
import { recordIdSchema, sha256Schema } from './fields';
import { issuesMessage } from './issues';
import { deviceRecordKindSchema } from './kinds';

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A finalised record as stored on the device and pushed to the server. Each has a client-generated
 * UUID v7, a schema version, device-clock times and its author; once finalised it is immutable and
 * carries the SHA-256 of its canonical JSON. A correction is a new record naming the one it `supersedes`.
 */
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
