import type { Selectable } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { questionnaireDefinitionSchema, questionnaireKey, type QuestionnaireDefinition } from '../../shared/questionnaire/definition';
import type { QuestionnaireVersionDetail, QuestionnaireVersionSummary } from '../../shared/questionnaire/versions';
import { roundQuestionnairesEditable } from '../../shared/rounds/lifecycle';
import type { Database } from '../db/database';
import { inTransaction } from '../db/helpers';
import type { QuestionnaireVersionsTable } from '../db/schema';
import { createEntitiesRepository } from './entities';
import { createRoundsRepository } from './rounds';

type VersionRow = Selectable<QuestionnaireVersionsTable>;

/** A refused change: the route turns `not_found` into 404 and the others into 409 with this message. */
export type QuestionnaireChangeOutcome = { ok: true; summary: QuestionnaireVersionSummary } | { ok: false; problem: 'not_found' | 'conflict'; message: string };

function summaryOf(row: VersionRow, rounds: string[]): QuestionnaireVersionSummary {
  const definition = questionnaireDefinitionSchema.parse(JSON.parse(row.definition));
  return {
    questionnaireId: row.questionnaire_id,
    version: row.version,
    state: row.state,
    audience: row.audience,
    title: definition.title,
    items: definition.items.length,
    createdAt: row.created_at,
    createdBy: row.created_by,
    publishedAt: row.published_at,
    rounds,
  };
}

/**
 * Questionnaire versions. Drafts live only here; publishing freezes a version and
 * makes it an entity that every device pulls and that pushed responses are checked against.
 */
export function createQuestionnairesRepository(db: Database, now: () => Date) {
  async function roundsUsing(trx: Database, questionnaireId?: string): Promise<Map<string, string[]>> {
    let query = trx.selectFrom('round_questionnaires').select(['round_id', 'questionnaire_id', 'version']).orderBy('round_id');
    if (questionnaireId !== undefined) query = query.where('questionnaire_id', '=', questionnaireId);
    const byKey = new Map<string, string[]>();
    for (const row of await query.execute()) {
      const key = `${row.questionnaire_id}@${row.version}`;
      byKey.set(key, [...(byKey.get(key) ?? []), row.round_id]);
    }
    return byKey;
  }

  async function findRow(trx: Database, questionnaireId: string, version: number): Promise<VersionRow | undefined> {
    return trx.selectFrom('questionnaire_versions').selectAll().where('questionnaire_id', '=', questionnaireId).where('version', '=', version).executeTakeFirst();
  }

  async function summary(trx: Database, row: VersionRow): Promise<QuestionnaireVersionSummary> {
    const rounds = await roundsUsing(trx, row.questionnaire_id);
    return summaryOf(row, rounds.get(`${row.questionnaire_id}@${row.version}`) ?? []);
  }

  async function audit(trx: Database, userId: string | null, action: string, details: Record<string, unknown>): Promise<void> {
    await trx.insertInto('audit_log').values({ id: uuidv7(), at: now().toISOString(), user_id: userId, action, details: JSON.stringify(details) }).execute();
  }

  /** The round uses this version for its audience (the caller sends devices the round again). */
  async function nameInRound(trx: Database, roundId: string, definition: QuestionnaireDefinition): Promise<string | undefined> {
    const round = await trx.selectFrom('rounds').select('state').where('id', '=', roundId).executeTakeFirst();
    if (!round) return `no round ${roundId}`;
    if (!roundQuestionnairesEditable(round.state)) return `a ${round.state} round keeps the questionnaires it used`;
    await trx.deleteFrom('round_questionnaires').where('round_id', '=', roundId).where('audience', '=', definition.audience).execute();
    await trx.insertInto('round_questionnaires').values({ round_id: roundId, audience: definition.audience, questionnaire_id: definition.id, version: definition.version }).execute();
    return undefined;
  }

  async function publishRow(trx: Database, userId: string | null, row: VersionRow): Promise<VersionRow> {
    const at = now().toISOString();
    await trx.updateTable('questionnaire_versions').set({ state: 'published', published_at: at, published_by: userId }).where('questionnaire_id', '=', row.questionnaire_id).where('version', '=', row.version).execute();
    const definition = JSON.parse(row.definition) as Record<string, unknown>;
    await createEntitiesRepository(trx, now).save([{ kind: 'questionnaire', id: `${row.questionnaire_id}@${row.version}`, data: definition, scope: {} }]);
    return { ...row, state: 'published', published_at: at, published_by: userId };
  }

  return {
    /** Every version of every questionnaire, by id then version. */
    async list(): Promise<QuestionnaireVersionSummary[]> {
      const rows = await db.selectFrom('questionnaire_versions').selectAll().orderBy('questionnaire_id').orderBy('version').execute();
      const rounds = await roundsUsing(db);
      return rows.map((row) => summaryOf(row, rounds.get(`${row.questionnaire_id}@${row.version}`) ?? []));
    },

    async get(questionnaireId: string, version: number): Promise<QuestionnaireVersionDetail | undefined> {
      const row = await findRow(db, questionnaireId, version);
      return row && { summary: await summary(db, row), definition: questionnaireDefinitionSchema.parse(JSON.parse(row.definition)) };
    },

    /**
     * Stores a draft: the next version of its questionnaire, or the same draft saved again. A
     * published version is never replaced, and a questionnaire keeps its audience.
     */
    async saveDraft(userId: string, definition: QuestionnaireDefinition): Promise<QuestionnaireChangeOutcome & { created?: boolean }> {
      return inTransaction(db, async (trx) => {
        const latest = await trx.selectFrom('questionnaire_versions').selectAll().where('questionnaire_id', '=', definition.id).orderBy('version', 'desc').limit(1).executeTakeFirst();
        if (latest && latest.audience !== definition.audience) return { ok: false, problem: 'conflict', message: `audience: ${definition.id} is a questionnaire for ${latest.audience}; a new audience needs a new questionnaire id` };
        const replacesDraft = latest?.state === 'draft' && latest.version === definition.version;
        const next = (latest?.version ?? 0) + 1;
        if (!replacesDraft && definition.version !== next) {
          const existing = await findRow(trx, definition.id, definition.version);
          const why = existing?.state === 'published' ? `version ${definition.version} is published and never changes` : `version ${definition.version} is not the next one`;
          return { ok: false, problem: 'conflict', message: `${why}: save the edit as version ${next}` };
        }
        const json = JSON.stringify(definition);
        if (replacesDraft) {
          await trx.updateTable('questionnaire_versions').set({ definition: json }).where('questionnaire_id', '=', definition.id).where('version', '=', definition.version).execute();
        } else {
          await trx
            .insertInto('questionnaire_versions')
            .values({ questionnaire_id: definition.id, version: definition.version, state: 'draft', audience: definition.audience, definition: json, created_at: now().toISOString(), created_by: userId, published_at: null, published_by: null })
            .execute();
        }
        await audit(trx, userId, 'questionnaire.draft', { questionnaire: questionnaireKey(definition), replaced: replacesDraft });
        return { ok: true, summary: await summary(trx, (await findRow(trx, definition.id, definition.version))!), created: !replacesDraft };
      });
    },

    /**
     * Publishes a draft (a published one stays as it is) and, with `roundId`, makes it the version
     * that round uses for its audience. All or nothing.
     */
    async publish(userId: string, questionnaireId: string, version: number, roundId?: string): Promise<QuestionnaireChangeOutcome> {
      return db.transaction().execute(async (trx): Promise<QuestionnaireChangeOutcome> => {
        const row = await findRow(trx, questionnaireId, version);
        if (!row) return { ok: false, problem: 'not_found', message: `no version ${version} of questionnaire ${questionnaireId}` };
        const published = row.state === 'draft' ? await publishRow(trx, userId, row) : row;
        if (roundId !== undefined) {
          const refused = await nameInRound(trx, roundId, questionnaireDefinitionSchema.parse(JSON.parse(row.definition)));
          // Throwing rolls the publication back too: the caller asked for both or neither.
          if (refused) throw new RefusedChange(refused);
          await createRoundsRepository(trx, now).republish(roundId);
        }
        await audit(trx, userId, 'questionnaire.publish', { questionnaire: `${questionnaireId}@${version}`, roundId: roundId ?? null, alreadyPublished: row.state === 'published' });
        return { ok: true, summary: await summary(trx, published) };
      }).catch((error: unknown): QuestionnaireChangeOutcome => {
        if (error instanceof RefusedChange) return { ok: false, problem: 'conflict', message: error.message };
        throw error;
      });
    },

    /** Published versions written directly (the demo's templates), each used by `roundId`. */
    async seedPublished(definitions: readonly QuestionnaireDefinition[], roundId: string): Promise<void> {
      await inTransaction(db, async (trx) => {
        for (const definition of definitions) {
          const row: VersionRow = {
            questionnaire_id: definition.id,
            version: definition.version,
            state: 'draft',
            audience: definition.audience,
            definition: JSON.stringify(definition),
            created_at: now().toISOString(),
            created_by: null,
            published_at: null,
            published_by: null,
          };
          await trx.insertInto('questionnaire_versions').values(row).execute();
          await publishRow(trx, null, row);
          const refused = await nameInRound(trx, roundId, definition);
          if (refused) throw new Error(refused);
        }
        await createRoundsRepository(trx, now).republish(roundId);
      });
    },
  };
}
export type QuestionnairesRepository = ReturnType<typeof createQuestionnairesRepository>;

class RefusedChange extends Error {}
