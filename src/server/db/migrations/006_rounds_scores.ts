import { sql, type Kysely, type Migration } from 'kysely';
import { defaultScoringSettings } from '../../../shared/scoring/settings';

/**
 * Round lifecycle and settings, late and void decisions, and the incremental score statistics:
 * each response's contribution (score_responses), per-cell sufficient statistics (score_cells) and
 * the change-log position folded so far (score_watermarks).
 */
export const roundsScores: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('rounds').addColumn('state', 'text', (c) => c.notNull().defaultTo('draft')).execute();
    await db.schema.alterTable('rounds').addColumn('settings', 'text').execute();
    await db.schema.alterTable('rounds').addColumn('settings_version', 'integer', (c) => c.notNull().defaultTo(1)).execute();
    await db.schema.alterTable('rounds').addColumn('synthetic', 'integer', (c) => c.notNull().defaultTo(0)).execute();
    await db.schema.alterTable('rounds').addColumn('opened_at', 'text').execute();
    await db.schema.alterTable('rounds').addColumn('closed_at', 'text').execute();
    await db.schema.alterTable('rounds').addColumn('published_at', 'text').execute();
    // Rounds from before the lifecycle were taking fieldwork: they are open, with the defaults of today.
    await sql`update rounds set state = 'open', settings = ${JSON.stringify(defaultScoringSettings())}`.execute(db);

    await db.schema
      .createTable('round_events')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('round_id', 'text', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('user_id', 'text')
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('from_state', 'text')
      .addColumn('to_state', 'text', (c) => c.notNull())
      .addColumn('settings_version', 'integer', (c) => c.notNull())
      .addColumn('reason', 'text')
      .execute();
    await db.schema.createIndex('round_events_round').on('round_events').columns(['round_id', 'at']).execute();

    await db.schema
      .createTable('response_decisions')
      .addColumn('record_id', 'text', (c) => c.primaryKey())
      .addColumn('round_id', 'text', (c) => c.notNull())
      .addColumn('late_decision', 'text')
      .addColumn('late_decided_by', 'text')
      .addColumn('late_decided_at', 'text')
      .addColumn('voided_by', 'text')
      .addColumn('voided_at', 'text')
      .addColumn('void_reason', 'text')
      .execute();

    await db.schema
      .createTable('score_responses')
      .addColumn('record_id', 'text', (c) => c.primaryKey())
      .addColumn('round_id', 'text', (c) => c.notNull())
      .addColumn('subdistrict_id', 'text', (c) => c.notNull())
      .addColumn('community_id', 'text', (c) => c.notNull())
      .addColumn('author_id', 'text', (c) => c.notNull())
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('audience', 'text', (c) => c.notNull())
      .addColumn('received_at', 'text', (c) => c.notNull())
      .addColumn('late', 'integer', (c) => c.notNull())
      .addColumn('counted', 'integer', (c) => c.notNull())
      /** JSON RespondentScores under the round's settings; null when the questionnaire is unknown. */
      .addColumn('scores', 'text')
      /** The response this one corrects, which then stops counting. */
      .addColumn('supersedes', 'text')
      .execute();
    await db.schema.createIndex('score_responses_supersedes').on('score_responses').column('supersedes').execute();
    await db.schema.createIndex('score_responses_round').on('score_responses').columns(['round_id', 'community_id']).execute();

    await db.schema
      .createTable('score_cells')
      .addColumn('round_id', 'text', (c) => c.notNull())
      .addColumn('level', 'text', (c) => c.notNull())
      .addColumn('unit_id', 'text', (c) => c.notNull())
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('audience', 'text', (c) => c.notNull())
      .addColumn('respondents', 'integer', (c) => c.notNull())
      .addColumn('n', 'integer', (c) => c.notNull())
      .addColumn('sum', 'double precision', (c) => c.notNull())
      .addColumn('sum_sq', 'double precision', (c) => c.notNull())
      /** JSON CellStatistics: the moments per indicator, dimension and level, counts and hot issues. */
      .addColumn('statistics', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('score_cells_pk', ['round_id', 'level', 'unit_id', 'channel', 'audience'])
      .execute();

    await db.schema
      .createTable('score_watermarks')
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('txid', 'bigint', (c) => c.notNull())
      .addColumn('seq', 'bigint', (c) => c.notNull())
      .execute();
  },
};
