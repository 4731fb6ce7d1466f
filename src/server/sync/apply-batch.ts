import type { SessionUser } from '../../shared/auth';
import { recordVersions as sharedRecordVersions, type RecordVersionRegistry } from '../../shared/records';
import type { PushResult } from '../../shared/sync';
import type { Database } from '../db/database';
import { inTransaction } from '../db/helpers';
import { createRecordsRepository } from '../repositories/records';
import type { BatchContext, CheckedBatch, Derivation } from './batch';
import { sortBatch } from './dedupe';
import { deriveCaseSteps } from './derive-case-steps';
import { logBatch, logChanges } from './log';
import { createQuestionnaireCache, lookUp } from './look-up';
import { precheckRecord } from './validate';
import { writeBatch } from './write';

/** What follows from stored records, in this order, inside the push's transaction: one stage each. */
export const defaultDerivations: readonly Derivation[] = [deriveCaseSteps];

export interface PushPipelineOptions {
  now: () => Date;
  /** Each record kind's versions and upgrade steps (the shared ones unless a test injects its own). */
  recordVersions?: RecordVersionRegistry;
  derivations?: readonly Derivation[];
}

/**
 * What happens to a pushed batch, stage by stage: validate and authorise each record on its own
 * (validate.ts, authorise.ts), then in one transaction look up what the batch refers to (look-up.ts),
 * check those references and sort out duplicates and conflicts (check-references.ts, dedupe.ts),
 * write the new records and kept versions (write.ts), publish their changes (log.ts), derive what
 * follows from them (the derivations), keep the refusals and the audit row (log.ts), and answer
 * one result per record in the order pushed. Made once per app: it keeps the parsed questionnaires.
 */
export function createPushPipeline(db: Database, options: PushPipelineOptions) {
  const registry = options.recordVersions ?? sharedRecordVersions;
  const derivations = options.derivations ?? defaultDerivations;
  const questionnaires = createQuestionnaireCache();
  const { now } = options;

  /** Applies a prechecked batch in one transaction (the caller's when `trx` is one: the office's decision on a refused record). */
  async function applyChecked(trx: Database, user: SessionUser, batch: CheckedBatch): Promise<PushResult[]> {
    return inTransaction(trx, async (trx) => {
      const context: BatchContext = { user, deviceId: batch.deviceId, batchId: batch.batchId, receivedAt: now() };
      const records = createRecordsRepository(trx);
      const lookups = await lookUp(records, batch.records.flatMap((p) => (p.ok ? [p.checked] : [])), questionnaires);
      const { results, stored } = await writeBatch(records, batch.records, sortBatch(batch.records, lookups, user), context);
      await logChanges(trx, stored, context);
      for (const derive of derivations) await derive({ trx, now, context, stored });
      await logBatch(trx, now, batch, results, context);
      return results;
    });
  }

  return {
    /** The checks that need no database, before a transaction opens (the refusals route corrects with it). */
    precheck: (user: SessionUser, raw: unknown) => precheckRecord(user, raw, registry),

    applyChecked,

    /** A batch as received by `POST /api/sync/push`: one result per record, in the order pushed. */
    async push(user: SessionUser, batch: { deviceId: string; batchId: string; records: readonly unknown[] }): Promise<PushResult[]> {
      const records = batch.records.map((raw) => precheckRecord(user, raw, registry));
      return applyChecked(db, user, { deviceId: batch.deviceId, batchId: batch.batchId, records, received: batch.records });
    },
  };
}
export type PushPipeline = ReturnType<typeof createPushPipeline>;
