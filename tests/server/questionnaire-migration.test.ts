import { afterEach, describe, expect, it } from 'vitest';
import { questionnaireVersions } from '../../src/server/db/migrations/010_questionnaire_versions';
import { defaultQuestionnaires } from '../../src/server/demo/templates';
import { openTestDatabase } from '../helpers/server/server';

let release: (() => Promise<void>) | undefined;
afterEach(async () => {
  await release?.();
  release = undefined;
});

describe('migration 010: questionnaire versions', () => {
  it('turns the questionnaires a database already published into published versions used by each round', async () => {
    const opened = await openTestDatabase();
    const { db } = opened;
    release = async () => {
      await db.destroy();
      await opened.release();
    };
    // The database as migration 006 left it: questionnaire entities and a round, no version tables.
    await db.schema.dropTable('questionnaire_versions').execute();
    await db.schema.dropTable('round_questionnaires').execute();
    const elderlyV2 = { ...defaultQuestionnaires[0]!, version: 2 };
    for (const definition of [...defaultQuestionnaires, elderlyV2]) {
      await db
        .insertInto('entities')
        .values({ kind: 'questionnaire', id: `${definition.id}@${definition.version}`, data: JSON.stringify(definition), community_id: null, subdistrict_id: null, user_id: null, updated_at: '2026-01-02T00:00:00.000Z', deleted_at: null })
        .execute();
    }
    await db.insertInto('rounds').values({ id: '2026-H1', starts_on: '2026-01-01', ends_on: '2026-06-30', settings: null, opened_at: null, closed_at: null, published_at: null }).execute();

    await questionnaireVersions.up(db);

    const versions = await db.selectFrom('questionnaire_versions').select(['questionnaire_id', 'version', 'state', 'audience', 'definition', 'published_at']).orderBy('questionnaire_id').orderBy('version').execute();
    expect(versions.map((row) => [row.questionnaire_id, row.version, row.state, row.published_at])).toEqual([
      ['resident-adult', 1, 'published', '2026-01-02T00:00:00.000Z'],
      ['resident-elderly', 1, 'published', '2026-01-02T00:00:00.000Z'],
      ['resident-elderly', 2, 'published', '2026-01-02T00:00:00.000Z'],
      ['work-unit', 1, 'published', '2026-01-02T00:00:00.000Z'],
    ]);
    expect(JSON.parse(versions[2]!.definition)).toEqual(elderlyV2);
    const used = await db.selectFrom('round_questionnaires').selectAll().orderBy('audience').execute();
    expect(used.map((row) => [row.round_id, row.audience, row.questionnaire_id, row.version])).toEqual([
      ['2026-H1', 'adult', 'resident-adult', 1],
      ['2026-H1', 'elderly', 'resident-elderly', 2],
      ['2026-H1', 'work_unit', 'work-unit', 1],
    ]);
  });
});
