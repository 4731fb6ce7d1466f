import { sql } from 'kysely';
import { questionnaireDefinitionSchema, questionnaireKey, type QuestionnaireDefinition } from '../../shared/questionnaire/definition';
import { responseDataSchema, type Audience } from '../../shared/records';
import type { LateDecision, LateResponse } from '../../shared/rounds/api';
import type { ScoreLevel } from '../../shared/rounds/public-api';
import { isLate } from '../../shared/rounds/lifecycle';
import { withCellDesigns, type CommunityFieldCell, type UnitWithCells, type WorkerCell } from '../../shared/rounds/scores';
import { scoreRespondent, type RespondentScores } from '../../shared/scoring/respondent';
import { scoringChannelOf, type ScoringChannel, type ScoringSettings } from '../../shared/scoring/settings';
import { addRespondent, emptyCellStatistics, mergeCellStatistics, removeRespondent, type CellStatistics } from '../../shared/scoring/statistics';
import type { Database } from '../db/database';
import { inTransaction, isPostgres, sharedSecret } from '../db/helpers';
import type { ScoreCellsTable, ScoreResponsesTable } from '../db/schema';
import { storedSettings } from './rounds';

/**
 * Any constant: with the schema's hash, the key of the advisory lock that lets one fold run at a time on
 * PostgreSQL. Advisory locks are database-wide, so the schema is part of the key: deployments (and test
 * runs) that share a database in separate schemas do not wait for each other's folds.
 */
const foldLock = 7_301_006;
const watermarkName = 'responses';
/** Change-log rows read per step of a fold: bounds memory on a backlog of a million responses. */
const foldBatch = 5000;
const insertChunk = 500;

interface RoundContext {
  settings: ScoringSettings;
  closedAt: string | null;
}

interface FoldContext {
  rounds: Map<string, RoundContext>;
  subdistrictOf: Map<string, string>;
  questionnaires: Map<string, QuestionnaireDefinition>;
}

interface StoredRecord {
  id: string;
  data: string;
  community_id: string;
  author_id: string;
  received_at: string;
}

interface Decision {
  late_decision: LateDecision | null;
  voided_at: string | null;
}

type CellKey = Pick<ScoreCellsTable, 'round_id' | 'level' | 'unit_id' | 'channel' | 'audience'>;
const keyOf = (key: CellKey) => `${key.round_id}|${key.level}|${key.unit_id}|${key.channel}|${key.audience}`;

/** A worker cell's unit: the community and the worker, unambiguously in one text. */
const workerUnitId = (communityId: string, authorId: string) => JSON.stringify([communityId, authorId]);

function cellKeysOf(row: Pick<ScoreResponsesTable, 'round_id' | 'subdistrict_id' | 'community_id' | 'author_id' | 'channel' | 'audience'>): CellKey[] {
  const base = { round_id: row.round_id, channel: row.channel, audience: row.audience };
  const keys: CellKey[] = [
    { ...base, level: 'subdistrict', unit_id: row.subdistrict_id },
    { ...base, level: 'community', unit_id: row.community_id },
  ];
  // Field respondents per worker: how many each interviewed, and how alike, set the design effect.
  if (row.channel === 'field') keys.push({ ...base, level: 'worker', unit_id: workerUnitId(row.community_id, row.author_id) });
  return keys;
}

function cellRow(key: CellKey, statistics: CellStatistics): ScoreCellsTable {
  return { ...key, respondents: statistics.respondents, n: statistics.overall.n, sum: statistics.overall.sum, sum_sq: statistics.overall.sumSq, statistics: JSON.stringify(statistics) };
}

/** Whether a folded response counts: scored, not voided, not corrected by a later one, and admitted if it came late. */
function counts(row: Pick<ScoreResponsesTable, 'late' | 'scores'>, decision: Decision | undefined, superseded: boolean): boolean {
  if (row.scores === null || decision?.voided_at || superseded) return false;
  return row.late === 0 || decision?.late_decision === 'admitted';
}

/** Why a folded response does not count (the order of `counts`' rules); null when it counts. */
export type NotCountedReason = 'not_scored' | 'voided' | 'superseded' | 'late_pending' | 'late_excluded';
export const notCountedReasons: readonly NotCountedReason[] = ['not_scored', 'voided', 'superseded', 'late_pending', 'late_excluded'];

export interface ExportedResponse {
  id: string;
  subdistrictId: string;
  authorId: string;
  data: string;
  notCountedReason: NotCountedReason | null;
}

function notCountedReason(row: { counted: number; late: number; scores: string | null; late_decision: LateDecision | null; voided_at: string | null }): NotCountedReason | null {
  if (row.counted === 1) return null;
  if (row.scores === null) return 'not_scored';
  if (row.voided_at) return 'voided';
  if (row.late === 1 && row.late_decision === null) return 'late_pending';
  if (row.late === 1 && row.late_decision === 'excluded') return 'late_excluded';
  return 'superseded';
}

/**
 * Per-cell sufficient statistics kept current incrementally. The push path is not
 * touched: every accepted record publishes a change, and the change log is read in commit order
 * as pulls read it ((txid, seq), below PostgreSQL's snapshot horizon: see ChangesRepository), so a
 * watermark on that position finds exactly the responses not yet folded. A fold scores each new
 * response once with its round's frozen settings, stores its contribution, and merges the
 * contributions into the cells in one transaction; voids and late admissions move one response.
 */
/** Waits, inside the transaction `trx`, until no other fold of this database schema runs (PostgreSQL; SQLite writes one at a time anyway). */
export async function lockFold(trx: Database): Promise<void> {
  if (isPostgres(trx)) await sql`select pg_advisory_xact_lock(${foldLock}, hashtext(current_schema()))`.execute(trx);
}

export function createScoresRepository(db: Database) {
  async function loadContext(trx: Database): Promise<FoldContext> {
    const rounds = await trx.selectFrom('rounds').select(['id', 'settings', 'closed_at']).execute();
    const communities = await trx.selectFrom('communities').select(['id', 'subdistrict_id']).execute();
    const questionnaires = await trx.selectFrom('entities').select('data').where('kind', '=', 'questionnaire').execute();
    return {
      rounds: new Map(rounds.map((r) => [r.id, { settings: storedSettings(r.settings), closedAt: r.closed_at }])),
      subdistrictOf: new Map(communities.map((c) => [c.id, c.subdistrict_id])),
      questionnaires: new Map(
        questionnaires.map((q) => {
          const definition = questionnaireDefinitionSchema.parse(JSON.parse(q.data));
          return [questionnaireKey(definition), definition];
        }),
      ),
    };
  }

  /** A stored response as scored under its round's settings; undefined when it is not a response. */
  function scoreRecord(record: StoredRecord, context: FoldContext, decision: Decision | undefined): ScoreResponsesTable | undefined {
    const parsed = responseDataSchema.safeParse(JSON.parse(record.data));
    if (!parsed.success) return undefined;
    const data = parsed.data;
    const round = context.rounds.get(data.roundId);
    const definition = context.questionnaires.get(`${data.questionnaireId}@${data.questionnaireVersion}`);
    const scores: RespondentScores | null = round && definition ? scoreRespondent(definition, data.answers, round.settings) : null;
    const late = isLate(record.received_at, round?.closedAt ?? null) ? 1 : 0;
    const row: ScoreResponsesTable = {
      record_id: record.id,
      round_id: data.roundId,
      subdistrict_id: context.subdistrictOf.get(record.community_id) ?? '',
      community_id: record.community_id,
      author_id: record.author_id,
      channel: scoringChannelOf(data.channel),
      audience: data.audience,
      received_at: record.received_at,
      late,
      counted: 0,
      scores: scores === null ? null : JSON.stringify(scores),
      supersedes: data.supersedes ?? null,
    };
    // Whether a correction takes it out is settled once stored (storeWithCorrections).
    return { ...row, counted: counts(row, decision, false) ? 1 : 0 };
  }

  async function readCells(trx: Database, keys: readonly CellKey[]): Promise<Map<string, CellStatistics>> {
    const found = new Map<string, CellStatistics>();
    const rounds = [...new Set(keys.map((k) => k.round_id))];
    const units = [...new Set(keys.map((k) => k.unit_id))];
    for (let i = 0; i < units.length; i += insertChunk) {
      const rows = await trx
        .selectFrom('score_cells')
        .selectAll()
        .where('round_id', 'in', rounds)
        .where('unit_id', 'in', units.slice(i, i + insertChunk))
        .execute();
      for (const row of rows) found.set(keyOf(row), JSON.parse(row.statistics) as CellStatistics);
    }
    return found;
  }

  /** Merges per-cell deltas into the stored cells. */
  async function applyDeltas(trx: Database, deltas: Map<string, { key: CellKey; delta: CellStatistics }>, combine: (stored: CellStatistics, delta: CellStatistics) => CellStatistics): Promise<void> {
    if (deltas.size === 0) return;
    const entries = [...deltas.values()];
    const stored = await readCells(trx, entries.map((e) => e.key));
    const rows = entries.map(({ key, delta }) => cellRow(key, combine(stored.get(keyOf(key)) ?? emptyCellStatistics(), delta)));
    for (let i = 0; i < rows.length; i += insertChunk) {
      await trx
        .insertInto('score_cells')
        .values(rows.slice(i, i + insertChunk))
        .onConflict((oc) =>
          oc.columns(['round_id', 'level', 'unit_id', 'channel', 'audience']).doUpdateSet((eb) => ({
            respondents: eb.ref('excluded.respondents'),
            n: eb.ref('excluded.n'),
            sum: eb.ref('excluded.sum'),
            sum_sq: eb.ref('excluded.sum_sq'),
            statistics: eb.ref('excluded.statistics'),
          })),
        )
        .execute();
    }
  }

  function collectDeltas(rows: readonly ScoreResponsesTable[]): Map<string, { key: CellKey; delta: CellStatistics }> {
    const deltas = new Map<string, { key: CellKey; delta: CellStatistics }>();
    for (const row of rows) {
      if (row.counted !== 1 || row.scores === null) continue;
      const scores = JSON.parse(row.scores) as RespondentScores;
      for (const key of cellKeysOf(row)) {
        const id = keyOf(key);
        const entry = deltas.get(id) ?? { key, delta: emptyCellStatistics() };
        entry.delta = addRespondent(entry.delta, scores);
        deltas.set(id, entry);
      }
    }
    return deltas;
  }

  async function decisionsFor(trx: Database, ids: readonly string[]): Promise<Map<string, Decision>> {
    const found = new Map<string, Decision>();
    for (let i = 0; i < ids.length; i += insertChunk) {
      const rows = await trx.selectFrom('response_decisions').select(['record_id', 'late_decision', 'voided_at']).where('record_id', 'in', ids.slice(i, i + insertChunk)).execute();
      for (const row of rows) found.set(row.record_id, row);
    }
    return found;
  }

  async function storeScored(trx: Database, rows: readonly ScoreResponsesTable[]): Promise<void> {
    for (let i = 0; i < rows.length; i += insertChunk) await trx.insertInto('score_responses').values(rows.slice(i, i + insertChunk)).execute();
    await applyDeltas(trx, collectDeltas(rows), mergeCellStatistics);
  }

  /**
   * Which of `rows` a correction already folded names: a response is corrected only by a later one
   * of the same author and round, so that no one can take another's answers out of the scores.
   */
  async function correctedAmong(trx: Database, rows: readonly Pick<ScoreResponsesTable, 'record_id' | 'author_id' | 'round_id'>[]): Promise<Set<string>> {
    const byId = new Map(rows.map((row) => [row.record_id, row]));
    const corrected = new Set<string>();
    const ids = [...byId.keys()];
    for (let i = 0; i < ids.length; i += insertChunk) {
      const corrections = await trx.selectFrom('score_responses').select(['supersedes', 'author_id', 'round_id']).where('supersedes', 'in', ids.slice(i, i + insertChunk)).execute();
      for (const correction of corrections) {
        const original = byId.get(correction.supersedes!);
        if (original && original.author_id === correction.author_id && original.round_id === correction.round_id) corrected.add(original.record_id);
      }
    }
    return corrected;
  }

  /** Stores newly scored responses, then takes the responses they correct out of the counts. */
  async function storeWithCorrections(trx: Database, scored: readonly ScoreResponsesTable[]): Promise<void> {
    const corrected = await correctedAmong(trx, scored);
    await storeScored(
      trx,
      scored.map((row) => (corrected.has(row.record_id) ? { ...row, counted: 0 } : row)),
    );
    const originals = scored.flatMap((row) => (row.supersedes === null ? [] : [row.supersedes]));
    for (let i = 0; i < originals.length; i += insertChunk) {
      const rows = await trx.selectFrom('score_responses').selectAll().where('record_id', 'in', originals.slice(i, i + insertChunk)).where('counted', '=', 1).execute();
      for (const row of rows) if ((await correctedAmong(trx, [row])).has(row.record_id)) await shiftResponse(trx, row, false);
    }
  }

  async function readWatermark(trx: Database): Promise<{ txid: number; seq: number }> {
    const row = await trx.selectFrom('score_watermarks').select(['txid', 'seq']).where('name', '=', watermarkName).executeTakeFirst();
    return row ? { txid: Number(row.txid), seq: Number(row.seq) } : { txid: 0, seq: 0 };
  }

  /** Moves one response in or out of its cells (sub-district, community and, in the field, worker). */
  async function shiftResponse(trx: Database, row: ScoreResponsesTable, counted: boolean): Promise<void> {
    if ((row.counted === 1) === counted || row.scores === null) return;
    const scores = JSON.parse(row.scores) as RespondentScores;
    const keys = cellKeysOf(row);
    const stored = await readCells(trx, keys);
    const shift = counted ? addRespondent : removeRespondent;
    const deltas = new Map(keys.map((key) => [keyOf(key), { key, delta: shift(stored.get(keyOf(key)) ?? emptyCellStatistics(), scores) }]));
    await applyDeltas(trx, deltas, (_stored, next) => next);
    await trx.updateTable('score_responses').set({ counted: counted ? 1 : 0 }).where('record_id', '=', row.record_id).execute();
  }

  async function findResponse(trx: Database, roundId: string, recordId: string): Promise<ScoreResponsesTable | undefined> {
    return trx.selectFrom('score_responses').selectAll().where('record_id', '=', recordId).where('round_id', '=', roundId).executeTakeFirst();
  }

  async function upsertDecision(trx: Database, roundId: string, recordId: string, values: Partial<{ late_decision: LateDecision; late_decided_by: string; late_decided_at: string; voided_by: string; voided_at: string; void_reason: string }>) {
    await trx
      .insertInto('response_decisions')
      .values({ record_id: recordId, round_id: roundId, late_decision: null, late_decided_by: null, late_decided_at: null, voided_by: null, voided_at: null, void_reason: null, ...values })
      .onConflict((oc) => oc.column('record_id').doUpdateSet(values))
      .execute();
  }

  /** Every community's field cells of the round, for the clusters of the sub-districts' field cells. */
  async function communityFieldCells(roundId: string): Promise<CommunityFieldCell[]> {
    const rows = await db
      .selectFrom('score_cells')
      .innerJoin('communities', 'communities.id', 'score_cells.unit_id')
      .select(['score_cells.unit_id', 'communities.subdistrict_id', 'score_cells.audience', 'score_cells.statistics'])
      .where('score_cells.round_id', '=', roundId)
      .where('score_cells.level', '=', 'community')
      .where('score_cells.channel', '=', 'field')
      .where('score_cells.respondents', '>', 0)
      .orderBy('score_cells.unit_id')
      .orderBy('score_cells.audience')
      .execute();
    return rows.map((row) => ({ communityId: row.unit_id, subdistrictId: row.subdistrict_id, audience: row.audience, statistics: JSON.parse(row.statistics) as CellStatistics }));
  }

  /** The round's worker cells: the moments alone, from their columns. */
  async function workerCells(roundId: string): Promise<WorkerCell[]> {
    const rows = await db.selectFrom('score_cells').select(['unit_id', 'audience', 'n', 'sum', 'sum_sq']).where('round_id', '=', roundId).where('level', '=', 'worker').where('n', '>', 0).execute();
    return rows.map((row) => {
      const [communityId, workerId] = JSON.parse(row.unit_id) as [string, string];
      return { communityId, workerId, audience: row.audience, moments: { n: Number(row.n), sum: Number(row.sum), sumSq: Number(row.sum_sq) } };
    });
  }

  return {
    /**
     * Folds every response appended to the change log since the watermark, in one transaction per
     * batch. Returns how many were folded. Reading scores after it costs the number of cells.
     */
    async fold(): Promise<number> {
      let folded = 0;
      for (;;) {
        const step = await inTransaction(db, async (trx) => {
          await lockFold(trx);
          const watermark = await readWatermark(trx);
          let query = trx
            .selectFrom('changes')
            .innerJoin('records', 'records.id', 'changes.entity_id')
            .select(['changes.txid', 'changes.seq', 'records.id', 'records.data', 'records.community_id', 'records.author_id', 'records.received_at'])
            .where(sql<boolean>`(changes.txid, changes.seq) > (${watermark.txid}, ${watermark.seq})`)
            .where('changes.kind', '=', 'response')
            .where('records.kind', '=', 'response');
          // Transactions still in progress may commit below this position later: stop before the oldest.
          if (isPostgres(trx)) query = query.where('changes.txid', '<', sql<number>`pg_snapshot_xmin(pg_current_snapshot())::text::bigint`);
          const rows = await query.orderBy('changes.txid').orderBy('changes.seq').limit(foldBatch).execute();
          if (rows.length === 0) return 0;
          const context = await loadContext(trx);
          const known = new Set<string>();
          for (let i = 0; i < rows.length; i += insertChunk) {
            const part = rows.slice(i, i + insertChunk).map((r) => r.id);
            for (const r of await trx.selectFrom('score_responses').select('record_id').where('record_id', 'in', part).execute()) known.add(r.record_id);
          }
          const decisions = await decisionsFor(trx, rows.map((r) => r.id));
          const scored = rows.flatMap((record) => {
            if (known.has(record.id)) return [];
            known.add(record.id);
            const row = scoreRecord(record, context, decisions.get(record.id));
            return row ? [row] : [];
          });
          await storeWithCorrections(trx, scored);
          const last = { txid: Number(rows[rows.length - 1]!.txid), seq: Number(rows[rows.length - 1]!.seq) };
          await trx.insertInto('score_watermarks').values({ name: watermarkName, ...last }).onConflict((oc) => oc.column('name').doUpdateSet(last)).execute();
          return rows.length;
        });
        folded += step;
        if (step < foldBatch) return folded;
      }
    },

    /**
     * Scores a round's folded responses again from their records, e.g. after a draft round's settings
     * change or when a round is created for responses that arrived first. Reads that round only.
     */
    async rescoreRound(roundId: string): Promise<void> {
      await inTransaction(db, async (trx) => {
        await lockFold(trx);
        const records = await trx
          .selectFrom('score_responses')
          .innerJoin('records', 'records.id', 'score_responses.record_id')
          .select(['records.id', 'records.data', 'records.community_id', 'records.author_id', 'records.received_at'])
          .where('score_responses.round_id', '=', roundId)
          .execute();
        await trx.deleteFrom('score_cells').where('round_id', '=', roundId).execute();
        await trx.deleteFrom('score_responses').where('round_id', '=', roundId).execute();
        const context = await loadContext(trx);
        const decisions = await decisionsFor(trx, records.map((r) => r.id));
        await storeWithCorrections(trx, records.flatMap((record) => scoreRecord(record, context, decisions.get(record.id)) ?? []));
      });
    },

    /** Voids a counted or uncounted response of the round; false when the round has no such response. */
    async voidResponse(roundId: string, recordId: string, userId: string, reason: string, at: Date): Promise<boolean> {
      return inTransaction(db, async (trx) => {
        await lockFold(trx);
        const row = await findResponse(trx, roundId, recordId);
        if (!row) return false;
        await upsertDecision(trx, roundId, recordId, { voided_by: userId, voided_at: at.toISOString(), void_reason: reason });
        await shiftResponse(trx, row, false);
        return true;
      });
    },

    /** Admits or excludes a late response; 'not_late' when it reached the server in time. */
    async decideLate(roundId: string, recordId: string, decision: LateDecision, userId: string, at: Date): Promise<'ok' | 'not_found' | 'not_late'> {
      return inTransaction(db, async (trx) => {
        await lockFold(trx);
        const row = await findResponse(trx, roundId, recordId);
        if (!row) return 'not_found';
        if (row.late !== 1) return 'not_late';
        await upsertDecision(trx, roundId, recordId, { late_decision: decision, late_decided_by: userId, late_decided_at: at.toISOString() });
        const [stored] = (await decisionsFor(trx, [recordId])).values();
        await shiftResponse(trx, row, counts(row, stored, (await correctedAmong(trx, [row])).has(recordId)));
        return 'ok';
      });
    },

    async lateResponses(roundId: string): Promise<LateResponse[]> {
      const rows = await db
        .selectFrom('score_responses')
        .leftJoin('response_decisions', 'response_decisions.record_id', 'score_responses.record_id')
        .leftJoin('users', 'users.id', 'score_responses.author_id')
        .select(['score_responses.record_id', 'score_responses.community_id', 'score_responses.audience', 'score_responses.channel', 'users.display_name', 'score_responses.received_at', 'response_decisions.late_decision'])
        .where('score_responses.round_id', '=', roundId)
        .where('score_responses.late', '=', 1)
        .orderBy('score_responses.received_at')
        .execute();
      return rows.map((r) => ({ responseId: r.record_id, communityId: r.community_id, audience: r.audience, channel: r.channel, authorName: r.display_name, receivedAt: r.received_at, decision: r.late_decision }));
    },

    /**
     * The units of one level with their cells' statistics and designs. `subdistrictId` narrows community level
     * to one sub-district. Units without responses are listed with no cells.
     */
    async units(roundId: string, level: ScoreLevel, subdistrictId?: string): Promise<UnitWithCells[]> {
      let cellQuery = db.selectFrom('score_cells').selectAll().where('round_id', '=', roundId).where('level', '=', level);
      let units: { unitId: string; name: string; subdistrictId: string }[];
      if (level === 'subdistrict') {
        units = (await db.selectFrom('subdistricts').select(['id', 'name_zh']).orderBy('id').execute()).map((s) => ({ unitId: s.id, name: s.name_zh, subdistrictId: s.id }));
      } else {
        let communities = db.selectFrom('communities').select(['id', 'name_zh', 'subdistrict_id']).orderBy('id');
        if (subdistrictId !== undefined) {
          communities = communities.where('subdistrict_id', '=', subdistrictId);
          cellQuery = cellQuery.where('unit_id', 'in', db.selectFrom('communities').select('id').where('subdistrict_id', '=', subdistrictId));
        }
        units = (await communities.execute()).map((c) => ({ unitId: c.id, name: c.name_zh, subdistrictId: c.subdistrict_id }));
      }
      const cells = new Map<string, UnitWithCells['cells']>();
      for (const row of await cellQuery.orderBy('channel').orderBy('audience').execute()) {
        if (row.respondents === 0) continue;
        const list = cells.get(row.unit_id) ?? [];
        list.push({ channel: row.channel, audience: row.audience, statistics: JSON.parse(row.statistics) as CellStatistics });
        cells.set(row.unit_id, list);
      }
      const listed = units.map((unit) => ({ ...unit, cells: cells.get(unit.unitId) ?? [] }));
      return withCellDesigns(listed, level, level === 'subdistrict' ? await communityFieldCells(roundId) : [], await workerCells(roundId));
    },

    /**
     * Every folded response of a round with its stored data and whether it counts, and if not why
     * (for the response-level export, in receive order).
     */
    async roundResponses(roundId: string): Promise<ExportedResponse[]> {
      const rows = await db
        .selectFrom('score_responses')
        .innerJoin('records', 'records.id', 'score_responses.record_id')
        .leftJoin('response_decisions', 'response_decisions.record_id', 'score_responses.record_id')
        .select(['records.id', 'score_responses.subdistrict_id', 'score_responses.author_id', 'score_responses.counted', 'score_responses.late', 'score_responses.scores', 'response_decisions.late_decision', 'response_decisions.voided_at', 'records.data'])
        .where('score_responses.round_id', '=', roundId)
        .orderBy('score_responses.received_at')
        .orderBy('records.id')
        .execute();
      return rows.map((r) => ({ id: r.id, subdistrictId: r.subdistrict_id, authorId: r.author_id, data: r.data, notCountedReason: notCountedReason(r) }));
    },

    /** The key of the round's pseudonymous worker ids: random, per round, never shown. */
    async workerPseudonymKey(roundId: string): Promise<Buffer> {
      return sharedSecret(db, `export-worker-id:${roundId}`);
    },

    /** The questionnaire versions stored on the server, by `${id}@${version}`. */
    async questionnaires(): Promise<Map<string, QuestionnaireDefinition>> {
      return (await loadContext(db)).questionnaires;
    },

    /** Counted responses per community, audience and author (fieldwork progress). */
    async progress(roundId: string): Promise<{ communityId: string; audience: Audience; authorId: string; channel: ScoringChannel; received: number }[]> {
      const rows = await db
        .selectFrom('score_responses')
        .select(['community_id', 'audience', 'author_id', 'channel'])
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('round_id', '=', roundId)
        .where('counted', '=', 1)
        .groupBy(['community_id', 'audience', 'author_id', 'channel'])
        .execute();
      return rows.map((r) => ({ communityId: r.community_id, audience: r.audience, authorId: r.author_id, channel: r.channel, received: Number(r.n) }));
    },
  };
}
export type ScoresRepository = ReturnType<typeof createScoresRepository>;
