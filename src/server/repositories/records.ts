import { v7 as uuidv7 } from 'uuid';
import type { SessionUser } from '../../shared/auth';
import type { PushResult } from '../../shared/sync';
import type { QuestionnaireDefinition } from '../../shared/questionnaire/definition';
import type { Database } from '../db/database';
import { inTransaction } from '../db/helpers';
import type { RecordConflictsTable, RecordsTable } from '../db/schema';
import { anotherUsersRecord, parseQuestionnaire, pushReferences, referenceProblem, type CheckedRecord, type Prechecked, type PushLookups, type PushReferences } from '../policy/push';
import { createAuditRepository } from './audit';
import { createCasesRepository } from './cases';
import { createChangesRepository, type NewChange } from './changes';
import { keepRefusedRecords } from './refused-records';

const chunkSize = 400;
const conflictMessage = 'another version of this record is already stored; both are kept for a supervisor';

function chunks<T>(items: readonly T[], size = chunkSize): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += size) result.push(items.slice(i, i + size));
  return result;
}

/** Code-unit order: the same in every process, and far cheaper than localeCompare. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Rows for many keys, queried a chunk at a time to stay within bound-parameter limits. */
async function selectInChunks<K, R>(keys: readonly K[], select: (part: K[]) => Promise<R[]>): Promise<R[]> {
  const rows: R[] = [];
  for (const part of chunks(keys)) rows.push(...(await select(part)));
  return rows;
}

function uploadersByHash(rows: readonly { hash: string; user_id: string }[]): PushLookups['blobs'] {
  const byHash = new Map<string, Set<string>>();
  for (const row of rows) byHash.set(row.hash, (byHash.get(row.hash) ?? new Set()).add(row.user_id));
  return byHash;
}

async function storedRecords(trx: Database, ids: readonly string[]): Promise<PushLookups['stored']> {
  const rows = await selectInChunks(ids, (part) => trx.selectFrom('records').select(['id', 'hash', 'author_id']).where('id', 'in', part).execute());
  return new Map(rows.map((r) => [r.id, { hash: r.hash, authorId: r.author_id }]));
}

/**
 * Parsed questionnaire definitions by entity id and stored text: each batch reads the versions it
 * names, but parses (and indexes, see answerProblems) a version only when its text is new.
 */
const parsedQuestionnaires = new Map<string, { text: string; definition: QuestionnaireDefinition | undefined }>();

function parsedQuestionnaire(id: string, text: string): QuestionnaireDefinition | undefined {
  const cached = parsedQuestionnaires.get(id);
  if (cached?.text === text) return cached.definition;
  const definition = parseQuestionnaire(JSON.parse(text));
  parsedQuestionnaires.set(id, { text, definition });
  return definition;
}

async function lookUp(trx: Database, references: PushReferences): Promise<PushLookups> {
  const column = async <K extends string>(keys: readonly string[], select: (part: string[]) => Promise<{ [key in K]: string }[]>, key: K) =>
    new Set((await selectInChunks(keys, select)).map((row) => row[key]));
  const questionnaireRows = await selectInChunks(references.questionnaireKeys, (part) =>
    trx.selectFrom('entities').select(['id', 'data']).where('kind', '=', 'questionnaire').where('id', 'in', part).where('deleted_at', 'is', null).execute(),
  );
  return {
    stored: await storedRecords(trx, references.ids),
    communities: await column(references.communityIds, (part) => trx.selectFrom('communities').select('id').where('id', 'in', part).execute(), 'id'),
    cases: new Map(
      (await selectInChunks(references.caseIds, (part) => trx.selectFrom('cases').select(['id', 'community_ids', 'subdistrict_id']).where('id', 'in', part).execute())).map((row) => [
        row.id,
        { communityIds: JSON.parse(row.community_ids) as string[], subdistrictId: row.subdistrict_id },
      ]),
    ),
    rounds: await column(references.roundIds, (part) => trx.selectFrom('rounds').select('id').where('id', 'in', part).execute(), 'id'),
    blobs: uploadersByHash(await selectInChunks(references.blobHashes, (part) => trx.selectFrom('blob_uploaders').select(['hash', 'user_id']).where('hash', 'in', part).execute())),
    questionnaires: new Map(questionnaireRows.flatMap((row) => {
      const definition = parsedQuestionnaire(row.id, row.data);
      return definition ? [[row.id, definition] as const] : [];
    })),
  };
}

export interface PushBatch {
  deviceId: string;
  batchId: string;
  /** Each pushed record after the policy's checks that need no database (see policy/push). */
  records: readonly Prechecked[];
  /** The records as received, in the same order, kept when refused (see keepRefusedRecords). */
  received: readonly unknown[];
}

export function createRecordsRepository(db: Database, now: () => Date) {
  return {
    /**
     * Applies one batch in one transaction, with its audit row. Each id is stored once: a resend with
     * the same hash is a `duplicate`, a different hash a `conflict` kept beside the first version,
     * which is never overwritten. Concurrent pushes of one id never fail: the loser of the insert
     * race re-reads the winner's row.
     */
    async push(user: SessionUser, batch: PushBatch): Promise<PushResult[]> {
      const valid = batch.records.flatMap((p) => (p.ok ? [p.checked] : []));
      // In the caller's transaction when there is one: the office's decision on a refused record.
      return inTransaction(db, async (trx) => {
        const receivedAt = now();
        const lookups = await lookUp(trx, pushReferences(valid));
        const receivedIso = receivedAt.toISOString();
        const newRecords = new Map<string, { row: RecordsTable; change: NewChange }>();
        const newConflicts: RecordConflictsTable[] = [];
        const acceptedHashes = new Map<string, string>();
        const knownConflicts = new Set<string>();

        const conflictRow = ({ record, data }: CheckedRecord): RecordConflictsTable => ({
          id: uuidv7(), record_id: record.id, hash: record.hash, schema_version: record.schemaVersion, data: JSON.stringify(data),
          pushed_by: user.id, device_id: batch.deviceId, batch_id: batch.batchId, received_at: receivedIso,
        });

        const decide = (checked: CheckedRecord): PushResult => {
          const { record, data, current } = checked;
          const problem = referenceProblem(checked, lookups, acceptedHashes, user);
          if (problem) return problem;
          const existing = acceptedHashes.get(record.id) ?? lookups.stored.get(record.id)?.hash;
          if (existing === record.hash) return { id: record.id, status: 'duplicate' };
          if (existing !== undefined) {
            const key = `${record.id}:${record.hash}`;
            if (!knownConflicts.has(key)) {
              knownConflicts.add(key);
              newConflicts.push(conflictRow(checked));
            }
            return { id: record.id, status: 'conflict', error: conflictMessage };
          }
          acceptedHashes.set(record.id, record.hash);
          const communityId = String(current.communityId);
          const authorId = String(current.authorId);
          newRecords.set(record.id, {
            row: {
              id: record.id, kind: record.kind, schema_version: record.schemaVersion, hash: record.hash, data: JSON.stringify(data),
              community_id: communityId, author_id: authorId, device_id: String(current.deviceId), pushed_by: user.id, batch_id: batch.batchId, received_at: receivedIso,
            },
            // The record itself stays in `records`; pull joins it (see ChangesRepository.pull).
            change: { kind: record.kind, entityId: record.id, data: null, deleted: false, communityId, userId: authorId },
          });
          return { id: record.id, status: 'accepted' };
        };

        // Signatures last, so that one may sign a record earlier or later in the same batch.
        const results: PushResult[] = new Array(batch.records.length);
        const order = batch.records.map((p, index) => ({ p, index }));
        for (const { p, index } of [...order.filter(({ p }) => !(p.ok && p.checked.record.kind === 'signature')), ...order.filter(({ p }) => p.ok && p.checked.record.kind === 'signature')]) {
          results[index] = p.ok ? decide(p.checked) : p.result;
        }

        // A concurrent push may have stored an id since it was looked up: insert what is still new,
        // then answer the others as the row now stored says.
        const inserted = new Set<string>();
        // In id order, so that two batches inserting the same ids wait on each other, never deadlock.
        const rows = [...newRecords.values()].map((n) => n.row).sort((a, b) => compareText(a.id, b.id));
        for (const part of chunks(rows, 500)) {
          const stored = await trx.insertInto('records').values(part).onConflict((oc) => oc.column('id').doNothing()).returning('id').execute();
          for (const row of stored) inserted.add(row.id);
        }
        const raced = await storedRecords(trx, [...newRecords.keys()].filter((id) => !inserted.has(id)));
        if (raced.size > 0) {
          // Nothing of a raced id was stored before this batch, so its conflicts so far were within the batch.
          const conflicts = newConflicts.filter((row) => !raced.has(row.record_id));
          const conflictKeys = new Set<string>();
          batch.records.forEach((pushed, index) => {
            const winner = pushed.ok ? raced.get(pushed.checked.record.id) : undefined;
            if (!pushed.ok || !winner || results[index]!.status === 'rejected') return;
            const { record, current } = pushed.checked;
            if (winner.hash === record.hash) results[index] = { id: record.id, status: 'duplicate' };
            else if (winner.authorId !== current.authorId) results[index] = anotherUsersRecord(record.id);
            else {
              if (!conflictKeys.has(`${record.id}:${record.hash}`)) conflicts.push(conflictRow(pushed.checked));
              conflictKeys.add(`${record.id}:${record.hash}`);
              results[index] = { id: record.id, status: 'conflict', error: conflictMessage };
            }
          });
          newConflicts.splice(0, newConflicts.length, ...conflicts);
        }
        newConflicts.sort((a, b) => compareText(a.record_id, b.record_id) || compareText(a.hash, b.hash));
        for (const part of chunks(newConflicts, 500)) {
          await trx.insertInto('record_conflicts').values(part).onConflict((oc) => oc.columns(['record_id', 'hash']).doNothing()).execute();
        }
        await createChangesRepository(trx).publish([...newRecords.values()].filter((n) => inserted.has(n.row.id)).map((n) => n.change), receivedAt);
        // Residents' answers at the door close or reopen their case with the records that carry them.
        const revisits = rows.filter((row) => row.kind === 'revisit' && inserted.has(row.id));
        if (revisits.length > 0) await createCasesRepository(trx, now).applyRevisits(revisits);
        // Officers' reports made on the device take their step the same way.
        const reports = rows.filter((row) => row.kind === 'case_report' && inserted.has(row.id));
        if (reports.length > 0) await createCasesRepository(trx, now).applyCaseReports(reports);
        await keepRefusedRecords(trx, user, batch, results.map((result, index) => ({ result, raw: batch.received[index] })), receivedIso);
        const counts = Object.fromEntries(['accepted', 'duplicate', 'conflict', 'rejected'].map((s) => [s, results.filter((r) => r.status === s).length]));
        await createAuditRepository(trx, now).record(user.id, 'sync.push', { batchId: batch.batchId, deviceId: batch.deviceId, ...counts });
        return results;
      });
    },

    async count(): Promise<number> {
      const { n } = await db.selectFrom('records').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      return Number(n);
    },
  };
}
export type RecordsRepository = ReturnType<typeof createRecordsRepository>;
