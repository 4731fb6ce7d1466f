import { z } from 'zod/mini';
import { finalisedRecordSchema, recordIdSchema } from './records';

/** Limits the server enforces and publishes at GET /api/sync/config; clients batch within them. */
export const syncLimitsSchema = z.object({
  maxRecordsPerBatch: z.int(),
  maxBytesPerRequest: z.int(),
  maxBlobBytes: z.int(),
  maxPullLimit: z.int(),
});
export type SyncLimits = z.infer<typeof syncLimitsSchema>;

export const defaultSyncLimits: SyncLimits = {
  maxRecordsPerBatch: 500,
  maxBytesPerRequest: 4 * 1024 * 1024,
  maxBlobBytes: 2 * 1024 * 1024,
  maxPullLimit: 1000,
};

export const pushRequestSchema = z.object({
  deviceId: z.string().check(z.minLength(1), z.maxLength(100)),
  batchId: z.string().check(z.minLength(1), z.maxLength(100)),
  // Shape only: each record's kind-specific data is checked one by one, so that one bad record
  // is `rejected` without failing the batch.
  records: z.array(finalisedRecordSchema),
});
export type PushRequest = z.infer<typeof pushRequestSchema>;

export const pushStatuses = ['accepted', 'duplicate', 'conflict', 'rejected'] as const;
export const pushStatusSchema = z.enum(pushStatuses);
export type PushStatus = z.infer<typeof pushStatusSchema>;

/**
 * Machine-readable reasons beside the human-readable `error`, so that clients act on a code and
 * never on the wording: `missing_blob` means "upload the blob named in `blobHash`, then resend".
 */
export const pushErrorCodes = ['missing_blob', 'invalid'] as const;
export const pushErrorCodeSchema = z.enum(pushErrorCodes);
export type PushErrorCode = z.infer<typeof pushErrorCodeSchema>;

export const pushResultSchema = z.object({
  id: recordIdSchema,
  status: pushStatusSchema,
  error: z.optional(z.string()),
  code: z.optional(pushErrorCodeSchema),
  /** With code `missing_blob`: the blob the server lacks. */
  blobHash: z.optional(z.string()),
});
export type PushResult = z.infer<typeof pushResultSchema>;

export const pushResponseSchema = z.object({
  results: z.array(pushResultSchema),
  serverTime: z.iso.datetime(),
});
export type PushResponse = z.infer<typeof pushResponseSchema>;

/** Server-owned kinds a device pulls, beside device-record kinds (a user's own records). */
export const serverEntityKinds = ['subdistrict', 'community', 'round', 'questionnaire', 'assignment', 'quota'] as const;
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
