import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Questionnaire versions as the office edits them, drafts included (published ones are also entities
 * that devices pull), and the version each round uses per audience. Questionnaires published before
 * this migration become published versions, and each round uses the newest one of each audience.
 */
export const questionnaireVersions: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('questionnaire_versions')
      .addColumn('questionnaire_id', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('audience', 'text', (c) => c.notNull())
      .addColumn('definition', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text')
      .addColumn('published_at', 'text')
      .addColumn('published_by', 'text')
      .addPrimaryKeyConstraint('questionnaire_versions_pk', ['questionnaire_id', 'version'])
      .execute();
    await db.schema
      .createTable('round_questionnaires')
      .addColumn('round_id', 'text', (c) => c.notNull())
      .addColumn('audience', 'text', (c) => c.notNull())
      .addColumn('questionnaire_id', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('round_questionnaires_pk', ['round_id', 'audience'])
      .execute();

    const published = await sql<{ data: string; updated_at: string }>`select data, updated_at from entities where kind = 'questionnaire' and deleted_at is null`.execute(db);
    const newest = new Map<string, { id: string; version: number }>();
    for (const row of published.rows) {
      const definition = JSON.parse(row.data) as { id: string; version: number; audience: string };
      await sql`insert into questionnaire_versions (questionnaire_id, version, state, audience, definition, created_at, published_at) values (${definition.id}, ${definition.version}, 'published', ${definition.audience}, ${row.data}, ${row.updated_at}, ${row.updated_at})`.execute(db);
      const current = newest.get(definition.audience);
      if (!current || definition.version > current.version) newest.set(definition.audience, definition);
    }
    const rounds = await sql<{ id: string }>`select id from rounds`.execute(db);
    for (const round of rounds.rows) {
      for (const [audience, definition] of newest) {
        await sql`insert into round_questionnaires (round_id, audience, questionnaire_id, version) values (${round.id}, ${audience}, ${definition.id}, ${definition.version})`.execute(db);
      }
    }
  },
};
