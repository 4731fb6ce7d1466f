import type { SessionUser } from '../../shared/auth';
import type { Database } from '../db/database';
import type { RecordsTable } from '../db/schema';
import type { Prechecked } from './validate';

/** A batch as the push's stages see it, once its records are prechecked. */
export interface CheckedBatch {
  deviceId: string;
  batchId: string;
  /** Each pushed record after the checks that need no database (validate.ts). */
  records: readonly Prechecked[];
  /** The records as received, in the same order, kept when refused (see keepRefusedRecords). */
  received: readonly unknown[];
}

/** Who pushed the batch and when the server received it: the same for every stage. */
export interface BatchContext {
  user: SessionUser;
  deviceId: string;
  batchId: string;
  receivedAt: Date;
}

/** A record this batch stored, with the row written. */
export interface StoredRecord {
  row: RecordsTable;
  /** Its data upgraded to the current version (what rules and derivations read). */
  current: Record<string, unknown>;
}

/**
 * A stage that derives what follows from the records a batch stored (a case's step, a flag), run
 * inside the push's transaction after the records and their changes are written: if it throws,
 * the whole batch is rolled back and the device resends it.
 */
export type Derivation = (stage: { trx: Database; now: () => Date; context: BatchContext; stored: readonly StoredRecord[] }) => Promise<void>;
