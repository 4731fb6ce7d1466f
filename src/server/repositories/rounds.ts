import type { Selectable } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { roundDates, type Round } from '../../shared/organisation';
import type { RoundCounts, RoundDetail, RoundEvent, RoundSummary } from '../../shared/rounds/api';
import { newestFirst } from '../../shared/rounds/order';
import { settingsEditable, transitionRound, type RoundAction, type RoundState } from '../../shared/rounds/lifecycle';
import { defaultScoringSettings, scoringSettingsSchema, type ScoringSettings } from '../../shared/scoring/settings';
import type { Database } from '../db/database';
import { inTransaction } from '../db/helpers';
import type { RoundsTable as RoundsColumns } from '../db/schema';
import { createChangesRepository } from './changes';

type RoundsTable = Selectable<RoundsColumns>;

/** A round's stored settings; a round stored before rounds had settings uses today's defaults. */
export function storedSettings(json: string | null): ScoringSettings {
  return json === null ? defaultScoringSettings() : scoringSettingsSchema.parse(JSON.parse(json));
}

/** A refused change: the route turns it into 404 or 409 with this message. */
export type RoundChangeOutcome = { ok: true; round: RoundSummary } | { ok: false; problem: 'not_found' | 'exists' | 'not_allowed' | 'reason_required'; message: string };

function summaryOf(row: RoundsTable): RoundSummary {
  return {
    id: row.id,
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    state: row.state,
    settingsVersion: row.settings_version,
    synthetic: row.synthetic === 1,
    openedAt: row.opened_at,
    closedAt: row.closed_at,
    publishedAt: row.published_at,
  };
}

/** What devices pull: the organisation's round shape, plus the lifecycle fields and questionnaire versions as optional extras. */
function pulledRound(row: RoundsTable, questionnaires: string[]): Round & { state: RoundState; synthetic: boolean } {
  return { id: row.id, startsOn: row.starts_on, endsOn: row.ends_on, state: row.state, synthetic: row.synthetic === 1, questionnaires };
}

/** The questionnaire versions a round uses, as `${id}@${version}`, in audience order. */
export async function roundQuestionnaireKeys(db: Database, roundId: string): Promise<string[]> {
  const rows = await db.selectFrom('round_questionnaires').select(['questionnaire_id', 'version']).where('round_id', '=', roundId).orderBy('audience').execute();
  return rows.map((row) => `${row.questionnaire_id}@${row.version}`);
}

const timestampOf: Partial<Record<RoundState, 'opened_at' | 'closed_at' | 'published_at'>> = { open: 'opened_at', closed: 'closed_at', published: 'published_at' };

export interface StoredRound {
  summary: RoundSummary;
  settings: ScoringSettings;
}

export function createRoundsRepository(db: Database, now: () => Date) {
  async function recordEvent(trx: Database, event: { roundId: string; userId: string | null; action: string; fromState: RoundState | null; toState: RoundState; settingsVersion: number; reason?: string | undefined }) {
    const at = now().toISOString();
    await trx
      .insertInto('round_events')
      .values({ id: uuidv7(), round_id: event.roundId, at, user_id: event.userId, action: event.action, from_state: event.fromState, to_state: event.toState, settings_version: event.settingsVersion, reason: event.reason ?? null })
      .execute();
    await trx
      .insertInto('audit_log')
      .values({ id: uuidv7(), at, user_id: event.userId, action: `round.${event.action}`, details: JSON.stringify({ roundId: event.roundId, from: event.fromState, to: event.toState, settingsVersion: event.settingsVersion, reason: event.reason ?? null }) })
      .execute();
  }

  /** Devices pull the round again whenever its state changes after the draft. */
  async function publishToDevices(trx: Database, row: RoundsTable) {
    await createChangesRepository(trx).publish([{ kind: 'round', entityId: row.id, data: pulledRound(row, await roundQuestionnaireKeys(trx, row.id)) }], now());
  }

  async function findRow(trx: Database, id: string): Promise<RoundsTable | undefined> {
    return trx.selectFrom('rounds').selectAll().where('id', '=', id).executeTakeFirst();
  }

  return {
    /** Sends devices the round again, e.g. after the questionnaire versions it uses changed (not a draft: devices never see one). */
    async republish(id: string): Promise<void> {
      const row = await findRow(db, id);
      if (row && row.state !== 'draft') await publishToDevices(db, row);
    },

    /** Newest first, by the rounds' dates. */
    async list(): Promise<RoundSummary[]> {
      const rows = await db.selectFrom('rounds').selectAll().execute();
      return newestFirst(rows.map(summaryOf));
    },

    async find(id: string): Promise<StoredRound | undefined> {
      const row = await findRow(db, id);
      return row ? { summary: summaryOf(row), settings: storedSettings(row.settings) } : undefined;
    },

    async detail(id: string): Promise<RoundDetail | undefined> {
      const stored = await this.find(id);
      if (!stored) return undefined;
      const history = await db.selectFrom('round_events').selectAll().where('round_id', '=', id).orderBy('at').orderBy('id').execute();
      return {
        ...stored.summary,
        settings: stored.settings,
        counts: await this.counts(id),
        history: history.map(
          (event): RoundEvent => ({ at: event.at, userId: event.user_id, action: event.action, fromState: event.from_state, toState: event.to_state, settingsVersion: event.settings_version, reason: event.reason }),
        ),
      };
    },

    /** Counts of the responses folded into the scores (see ScoresRepository.fold). */
    async counts(id: string): Promise<RoundCounts> {
      const rows = await db
        .selectFrom('score_responses')
        .leftJoin('response_decisions', 'response_decisions.record_id', 'score_responses.record_id')
        .select(['score_responses.late', 'score_responses.counted', 'response_decisions.late_decision', 'response_decisions.voided_at'])
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('score_responses.round_id', '=', id)
        .groupBy(['score_responses.late', 'score_responses.counted', 'response_decisions.late_decision', 'response_decisions.voided_at'])
        .execute();
      const counts: RoundCounts = { received: 0, counted: 0, late: 0, latePending: 0, lateAdmitted: 0, lateExcluded: 0, voided: 0 };
      for (const row of rows) {
        const n = Number(row.n);
        counts.received += n;
        if (row.counted === 1) counts.counted += n;
        if (row.voided_at !== null) counts.voided += n;
        if (row.late !== 1) continue;
        counts.late += n;
        if (row.late_decision === 'admitted') counts.lateAdmitted += n;
        else if (row.late_decision === 'excluded') counts.lateExcluded += n;
        else counts.latePending += n;
      }
      return counts;
    },

    async create(userId: string | null, id: string, settings: ScoringSettings, options: { synthetic?: boolean } = {}): Promise<RoundChangeOutcome> {
      return inTransaction(db, async (trx) => {
        if (await findRow(trx, id)) return { ok: false, problem: 'exists', message: `round ${id} already exists` };
        const row: RoundsTable = {
          id,
          ...(({ startsOn, endsOn }) => ({ starts_on: startsOn, ends_on: endsOn }))(roundDates(id)),
          state: 'draft',
          settings: JSON.stringify(settings),
          settings_version: 1,
          synthetic: options.synthetic ? 1 : 0,
          opened_at: null,
          closed_at: null,
          published_at: null,
        };
        await trx.insertInto('rounds').values(row).execute();
        // A draft is not for devices: they receive the round when it opens.
        await recordEvent(trx, { roundId: id, userId, action: 'create', fromState: null, toState: 'draft', settingsVersion: 1 });
        return { ok: true, round: summaryOf(row) };
      });
    },

    /** New settings for a draft round, as a new settings version. */
    async updateSettings(userId: string, id: string, settings: ScoringSettings): Promise<RoundChangeOutcome> {
      return inTransaction(db, async (trx) => {
        const row = await findRow(trx, id);
        if (!row) return { ok: false, problem: 'not_found', message: `no round ${id}` };
        if (!settingsEditable(row.state)) return { ok: false, problem: 'not_allowed', message: `the settings of a ${row.state} round are frozen` };
        const version = row.settings_version + 1;
        await trx.updateTable('rounds').set({ settings: JSON.stringify(settings), settings_version: version }).where('id', '=', id).execute();
        await recordEvent(trx, { roundId: id, userId, action: 'settings', fromState: row.state, toState: row.state, settingsVersion: version });
        return { ok: true, round: summaryOf({ ...row, settings_version: version }) };
      });
    },

    async transition(userId: string | null, id: string, action: RoundAction, reason?: string): Promise<RoundChangeOutcome> {
      return inTransaction(db, async (trx) => {
        const row = await findRow(trx, id);
        if (!row) return { ok: false, problem: 'not_found', message: `no round ${id}` };
        const outcome = transitionRound(row.state, action, reason);
        if (!outcome.ok) return outcome;
        const column = timestampOf[outcome.state];
        // The first close is the one late responses are measured against; unpublishing keeps it.
        const stamp = column && (row[column] === null || column === 'published_at') ? { [column]: now().toISOString() } : {};
        const next: RoundsTable = { ...row, ...stamp, state: outcome.state, ...(action === 'unpublish' ? { published_at: null } : {}) };
        await trx.updateTable('rounds').set({ state: next.state, opened_at: next.opened_at, closed_at: next.closed_at, published_at: next.published_at }).where('id', '=', id).execute();
        await recordEvent(trx, { roundId: id, userId, action, fromState: row.state, toState: outcome.state, settingsVersion: row.settings_version, reason });
        await publishToDevices(trx, next);
        return { ok: true, round: summaryOf(next) };
      });
    },
  };
}
export type RoundsRepository = ReturnType<typeof createRoundsRepository>;
