import type { SessionUser } from '../../shared/auth';
import { deviceRecordKindSchema, recordIdSchema, sha256Schema } from '../../shared/records';
import { refusalConditions, refusalOutcomeKind, type RefusalCondition, type RefusalDecision, type RefusalDetail, type RefusalListQuery, type RefusalOutcome, type RefusalSummary } from '../../shared/refusals';
import { pushErrorCodeSchema, type PushResult } from '../../shared/sync';
import type { Database } from '../db/database';
import { inTransaction } from '../db/helpers';
import type { RefusedRecordsTable } from '../db/schema';
import { createAuditRepository } from './audit';
import { createChangesRepository } from './changes';

/** The sub-districts a user may see refusals of; undefined means the whole district. */
export type RefusalScope = readonly string[] | undefined;

type Row = RefusedRecordsTable & { username: string; display_name: string; decision: RefusalDecision | null; reason: string | null; corrected_record_id: string | null; decided_by: string | null; decider_name: string | null; decided_at: string | null };

function summary(row: Row): RefusalSummary {
  const code = pushErrorCodeSchema.safeParse(row.code);
  const kind = deviceRecordKindSchema.safeParse(row.kind);
  return {
    id: row.id,
    status: row.status,
    recordId: row.record_id,
    kind: kind.success ? kind.data : null,
    schemaVersion: row.schema_version,
    recordHash: row.record_hash,
    code: code.success ? code.data : null,
    message: row.message,
    deviceId: row.device_id,
    pushedBy: { id: row.pushed_by, username: row.username, name: row.display_name },
    communityId: row.community_id,
    subdistrictId: row.subdistrict_id,
    receivedAt: row.received_at,
    decision:
      row.decision === null
        ? null
        : { decision: row.decision, reason: row.reason, correctedRecordId: row.corrected_record_id, decidedBy: { id: row.decided_by!, name: row.decider_name ?? row.decided_by! }, decidedAt: row.decided_at! },
  };
}

/** The column each of the shared filters' equality conditions compares. */
const filterColumns = {
  status: 'refused_records.status',
  kind: 'refused_records.kind',
  communityId: 'refused_records.community_id',
  deviceId: 'refused_records.device_id',
} as const satisfies Record<Exclude<RefusalCondition['field'], 'decision'>, string>;

export type DecisionOutcome = { ok: true } | { ok: false; problem: 'decided' | 'invalid'; message: string };

/** Thrown inside the decision's transaction to undo it when the corrected version is refused. */
class CorrectionRefused extends Error {}

export function createRefusalsRepository(db: Database, now: () => Date) {
  function selectRows(trx: Database = db) {
    return trx
      .selectFrom('refused_records')
      .innerJoin('users', 'users.id', 'refused_records.pushed_by')
      .leftJoin('refusal_decisions', 'refusal_decisions.refusal_id', 'refused_records.id')
      .leftJoin('users as deciders', 'deciders.id', 'refusal_decisions.decided_by')
      .selectAll('refused_records')
      .select([
        'users.username',
        'users.display_name',
        'refusal_decisions.decision',
        'refusal_decisions.reason',
        'refusal_decisions.corrected_record_id',
        'refusal_decisions.decided_by',
        'deciders.display_name as decider_name',
        'refusal_decisions.decided_at',
      ]);
  }

  async function storedVersion(id: string | null) {
    if (id === null) return null;
    const row = await db.selectFrom('records').select(['id', 'kind', 'schema_version', 'hash', 'data', 'author_id', 'received_at']).where('id', '=', id).executeTakeFirst();
    return row ? { id: row.id, kind: row.kind, schemaVersion: row.schema_version, hash: row.hash, data: JSON.parse(row.data) as Record<string, unknown>, authorId: row.author_id, receivedAt: row.received_at } : null;
  }

  return {
    /** Refused records in `scope`, newest first, with how many match. */
    async list(scope: RefusalScope, query: RefusalListQuery): Promise<{ refusals: RefusalSummary[]; total: number }> {
      let filtered = selectRows();
      if (scope) filtered = filtered.where('refused_records.subdistrict_id', 'in', scope);
      for (const condition of refusalConditions(query)) {
        filtered =
          condition.field === 'decision'
            ? filtered.where('refusal_decisions.refusal_id', condition.present ? 'is not' : 'is', null)
            : filtered.where(filterColumns[condition.field], '=', condition.equals);
      }
      const { total } = await filtered
        .clearSelect()
        .select((eb) => eb.fn.countAll<number>().as('total'))
        .executeTakeFirstOrThrow();
      const rows = (await filtered.orderBy('refused_records.received_at', 'desc').orderBy('refused_records.id', 'desc').limit(query.limit).execute()) as Row[];
      return { refusals: rows.map(summary), total: Number(total) };
    },

    async find(id: string): Promise<(RefusalSummary & { payloadJson: string | null; payloadChars: number }) | undefined> {
      const row = (await selectRows().where('refused_records.id', '=', id).executeTakeFirst()) as Row | undefined;
      return row ? { ...summary(row), payloadJson: row.payload, payloadChars: row.payload_chars } : undefined;
    },

    async detail(id: string): Promise<RefusalDetail | undefined> {
      const found = await this.find(id);
      if (!found) return undefined;
      const { payloadJson, ...refusal } = found;
      return {
        ...refusal,
        payload: payloadJson === null ? null : (JSON.parse(payloadJson) as unknown),
        conflictsWith: refusal.status === 'conflict' ? await storedVersion(refusal.recordId) : null,
        corrected: await storedVersion(refusal.decision?.correctedRecordId ?? null),
      };
    },

    /**
     * Records the office's one decision, in one transaction with what it causes: a corrected version
     * stored through the push path (its change, scores and audit as any record's), the outcome
     * addressed to the device's user for their next pull, and an audit row. A second decision finds
     * the first and changes nothing.
     */
    async decide(
      refusal: RefusalSummary,
      user: SessionUser,
      decision: { decision: 'dismissed'; reason: string } | { decision: 'accepted'; correctedId: string; store: (trx: Database) => Promise<PushResult | undefined> },
    ): Promise<DecisionOutcome> {
      try {
        return await inTransaction(db, async (trx) => {
          const decidedAt = now();
          const row = {
            refusal_id: refusal.id,
            decision: decision.decision,
            reason: decision.decision === 'dismissed' ? decision.reason : null,
            corrected_record_id: decision.decision === 'accepted' ? decision.correctedId : null,
            decided_by: user.id,
            decided_at: decidedAt.toISOString(),
          };
          const inserted = await trx.insertInto('refusal_decisions').values(row).onConflict((oc) => oc.column('refusal_id').doNothing()).returning('refusal_id').execute();
          if (inserted.length === 0) return { ok: false, problem: 'decided', message: `refused record ${refusal.id} was decided already` } as const;
          if (decision.decision === 'accepted') {
            const result = await decision.store(trx);
            if (result?.status !== 'accepted') throw new CorrectionRefused(result?.error ?? `the corrected version was ${result?.status}`);
          }
          const outcome: RefusalOutcome = {
            refusalId: refusal.id,
            recordId: refusal.recordId,
            recordHash: sha256Schema.safeParse(refusal.recordHash).success ? refusal.recordHash : null,
            decision: decision.decision,
            reason: row.reason,
            correctedRecordId: recordIdSchema.safeParse(row.corrected_record_id).success ? row.corrected_record_id : null,
            decidedAt: row.decided_at,
          };
          await createChangesRepository(trx).publish([{ kind: refusalOutcomeKind, entityId: refusal.id, data: outcome, userId: refusal.pushedBy.id }], decidedAt);
          await createAuditRepository(trx, now).record(user.id, `refusal.${decision.decision === 'accepted' ? 'accept' : 'dismiss'}`, {
            refusalId: refusal.id,
            recordId: refusal.recordId,
            status: refusal.status,
            ...(row.reason === null ? {} : { reason: row.reason }),
            ...(row.corrected_record_id === null ? {} : { correctedRecordId: row.corrected_record_id }),
          });
          return { ok: true } as const;
        });
      } catch (error) {
        if (error instanceof CorrectionRefused) return { ok: false, problem: 'invalid', message: error.message };
        throw error;
      }
    },
  };
}
export type RefusalsRepository = ReturnType<typeof createRefusalsRepository>;
