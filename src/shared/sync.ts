import { z } from 'zod/mini';
import { boundedText, sha256Schema, type FinalisedRecord } from './records';

/** Limits the server enforces and publishes at GET /api/sync/config; clients batch within them. */
export const syncLimitsSchema = z.object({
  maxRecordsPerBatch: z.int(),
  maxBytesPerRequest: z.int(),
  maxBlobBytes: z.int(),
  maxPullLimit: z.int(),
  /** Content-Encodings the server inflates on request bodies; a client compresses only when listed (older servers list none). */
  requestEncodings: z.optional(z.array(z.enum(['gzip'])).check(z.maxLength(4))),
  /** The server takes blobs in resumable uploads (HEAD and PATCH /api/blobs/{sha256}/upload); older servers do not say. */
  resumableBlobUploads: z.optional(z.boolean()),
  /** The server answers POST /api/blobs/held, which blobs of a list it holds in one request; older servers do not say. */
  heldBlobsCheck: z.optional(z.boolean()),
});
export type SyncLimits = z.infer<typeof syncLimitsSchema>;

export const defaultSyncLimits: SyncLimits = {
  maxRecordsPerBatch: 500,
  maxBytesPerRequest: 4 * 1024 * 1024,
  maxBlobBytes: 2 * 1024 * 1024,
  maxPullLimit: 1000,
};

/**
 * A resumable blob upload: PATCH sends bytes from `Upload-Offset` of a blob of `Upload-Length`
 * bytes in this content type, and HEAD answers how many the server holds (after a cut, continue
 * from there).
 */
export const resumableUpload = {
  contentType: 'application/offset+octet-stream',
  offsetHeader: 'Upload-Offset',
  lengthHeader: 'Upload-Length',
  blobContentTypeHeader: 'Upload-Content-Type',
} as const;

/** How many hashes one POST /api/blobs/held asks about: a day of photos and signatures in one request. */
export const maxHashesPerHeldCheck = 200;

export const heldBlobsRequestSchema = z.object({ hashes: z.array(sha256Schema).check(z.minLength(1), z.maxLength(maxHashesPerHeldCheck)) });
export type HeldBlobsRequest = z.infer<typeof heldBlobsRequestSchema>;

/**
 * Of the hashes asked about: those the caller can see (HEAD /api/blobs/{sha256} would answer 200),
 * and of the rest the caller's own uploads in progress, with the bytes the server holds of each
 * (what HEAD /api/blobs/{sha256}/upload would answer).
 */
export const heldBlobsResponseSchema = z.object({
  held: z.array(sha256Schema).check(z.maxLength(maxHashesPerHeldCheck)),
  uploads: z
    .array(z.object({ hash: sha256Schema, offset: z.int().check(z.nonnegative()), length: z.int().check(z.positive()) }))
    .check(z.maxLength(maxHashesPerHeldCheck)),
});
export type HeldBlobsResponse = z.infer<typeof heldBlobsResponseSchema>;

/** Any JSON object: each pushed record's envelope is checked on its own (see checkEnvelope). */
const looseRecordSchema = z.custom<Record<string, unknown>>((value) => typeof value === 'object' && value !== null && !Array.isArray(value), 'an object').register(z.globalRegistry, {
  description:
    'A finalised record {id, kind, schemaVersion, hash, data} (see FinalisedRecord). Checked one by one: a record whose envelope or data is invalid is rejected with its reason, and the rest of the batch goes through.',
});

/** The push body, its records bounded by `maxRecordsPerBatch` (the server's published limit). */
export function pushRequestSchemaFor(limits: Pick<SyncLimits, 'maxRecordsPerBatch'>) {
  return z.object({
    deviceId: boundedText(100, 1),
    batchId: boundedText(100, 1),
    records: z.array(looseRecordSchema).check(z.maxLength(limits.maxRecordsPerBatch)),
  });
}
export const pushRequestSchema = pushRequestSchemaFor(defaultSyncLimits);
/** What a device sends: finalised records (the server checks each one on its own). */
export type PushRequest = Omit<z.infer<typeof pushRequestSchema>, 'records'> & { records: FinalisedRecord[] };

export const pushStatuses = ['accepted', 'duplicate', 'conflict', 'rejected'] as const;
export const pushStatusSchema = z.enum(pushStatuses);
export type PushStatus = z.infer<typeof pushStatusSchema>;

/**
 * Machine-readable reasons beside the human-readable `error`, so that clients act on a code and
 * never on the wording: `missing_blob` means "upload the blob named in `blobHash`, then resend";
 * `missing_record` means "the record this one signs is not stored yet (it may be in a batch still
 * on its way): resend later".
 */
export const pushErrorCodes = ['missing_blob', 'missing_record', 'invalid'] as const;
export const pushErrorCodeSchema = z.enum(pushErrorCodes);
export type PushErrorCode = z.infer<typeof pushErrorCodeSchema>;

export const pushResultSchema = z.object({
  /** The record's id; for a record whose id itself is invalid, the id as given (at most 100 characters) or "". */
  id: z.string().check(z.maxLength(100)),
  status: pushStatusSchema,
  error: z.optional(z.string().check(z.maxLength(2000))),
  code: z.optional(pushErrorCodeSchema),
  /** With code `missing_blob`: the blob the server lacks. */
  blobHash: z.optional(sha256Schema),
});
export type PushResult = z.infer<typeof pushResultSchema>;

export const pushResponseSchema = z.object({
  results: z.array(pushResultSchema),
  serverTime: z.iso.datetime(),
});
export type PushResponse = z.infer<typeof pushResponseSchema>;

/** Server-owned kinds a device pulls, beside device-record kinds (a user's own records). */
export const serverEntityKinds = ['subdistrict', 'community', 'round', 'questionnaire', 'assignment', 'quota', 'revisit_task'] as const;
export type ServerEntityKind = (typeof serverEntityKinds)[number];

export const changeSchema = z.object({
  seq: z.int(),
  kind: z.string(),
  id: z.string(),
  /** The entity after the change (for device records: the whole finalised record); null when deleted. */
  data: z.nullable(z.record(z.string(), z.unknown())),
  deleted: z.boolean(),
});
export type Change = z.infer<typeof changeSchema>;

/** The checkpoint is the last change sequence number seen, as a decimal string ("0" at first). */
export const checkpointSchema = z.string().check(z.regex(/^\d{1,16}$/, 'a checkpoint from an earlier pull, or "0"'));

export const pullQuerySchema = z.object({
  checkpoint: z._default(checkpointSchema, '0'),
  limit: z.optional(z.coerce.number().check(z.int(), z.positive())),
});

export const pullResponseSchema = z.object({
  changes: z.array(changeSchema),
  checkpoint: checkpointSchema,
  hasMore: z.boolean(),
});
export type PullResponse = z.infer<typeof pullResponseSchema>;
