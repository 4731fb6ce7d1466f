import { sharedSecret } from '../db/helpers';
import { questionnaireDefinitionSchema, questionnaireKey, type QuestionnaireDefinition } from '../../shared/questionnaire/definition';
import type { Audience, FinalisedRecord } from '../../shared/records';
import { onlineAuthor, type OnlineSignals } from '../../shared/online';
import type { RoundState } from '../../shared/rounds/lifecycle';
import type { Database } from '../db/database';
import type { GroupCommit } from '../db/group-commit';
import { createChangesRepository } from './changes';

/** What storing a submission came to; only `accepted` wrote anything. */
export type OnlineStoreOutcome = 'accepted' | 'duplicate' | 'already_answered' | 'conflict';

/** Thrown inside the transaction so that it rolls back whole: the record id is another record's. */
class RecordIdTaken extends Error {}

export interface OnlineCommunity {
  id: string;
  subdistrictId: string;
  nameZh: string;
  nameEn: string;
  subdistrictNameZh: string;
}

/** Online responses: stored as response records, exactly as pushed ones, plus their token. */
export function createOnlineRepository(db: Database, groupCommit: GroupCommit, now: () => Date) {
  async function previousOutcome(trx: Database, record: FinalisedRecord, tokenHash: string): Promise<OnlineStoreOutcome | undefined> {
    const previous = await trx
      .selectFrom('online_submissions')
      .innerJoin('records', 'records.id', 'online_submissions.submission_id')
      .select(['online_submissions.token_hash', 'records.hash'])
      .where('online_submissions.submission_id', '=', record.id)
      .executeTakeFirst();
    if (!previous) return undefined;
    return previous.token_hash === tokenHash && previous.hash === record.hash ? 'duplicate' : 'conflict';
  }

  const communityQuery = (trx: Database) =>
    trx
      .selectFrom('communities')
      .innerJoin('subdistricts', 'subdistricts.id', 'communities.subdistrict_id')
      .select(['communities.id', 'communities.subdistrict_id', 'communities.name_zh', 'communities.name_en', 'subdistricts.name_zh as subdistrict_name_zh']);
  const communityOf = (row: { id: string; subdistrict_id: string; name_zh: string; name_en: string; subdistrict_name_zh: string }): OnlineCommunity => ({
    id: row.id,
    subdistrictId: row.subdistrict_id,
    nameZh: row.name_zh,
    nameEn: row.name_en,
    subdistrictNameZh: row.subdistrict_name_zh,
  });

  /** Parsed questionnaire versions: a published version never changes (an edit is a new version), so each is parsed once per process. */
  const parsedVersions = new Map<string, QuestionnaireDefinition>();
  let ticketKey: Promise<Buffer> | undefined;

  return {
    /** The MAC key of the page tickets, the same in every server process on this database. */
    pageTicketKey(): Promise<Buffer> {
      ticketKey ??= sharedSecret(db, 'online-page-ticket').catch((error: unknown) => {
        ticketKey = undefined;
        throw error;
      });
      return ticketKey;
    },

    /**
     * What a link names, in one query: the round's state and the community's sub-district; undefined
     * when either does not exist.
     */
    async link(roundId: string, communityId: string): Promise<{ roundState: RoundState; subdistrictId: string } | undefined> {
      const row = await db
        .selectFrom('rounds')
        .innerJoin('communities', (join) => join.on('communities.id', '=', communityId))
        .select(['rounds.state', 'communities.subdistrict_id'])
        .where('rounds.id', '=', roundId)
        .executeTakeFirst();
      return row && { roundState: row.state, subdistrictId: row.subdistrict_id };
    },

    async community(id: string): Promise<OnlineCommunity | undefined> {
      const row = await communityQuery(db).where('communities.id', '=', id).executeTakeFirst();
      return row && communityOf(row);
    },

    /** Communities in id order, all or those of the given sub-districts. */
    async communities(subdistrictIds?: readonly string[]): Promise<OnlineCommunity[]> {
      let query = communityQuery(db).orderBy('communities.id');
      if (subdistrictIds) query = query.where('communities.subdistrict_id', 'in', subdistrictIds.length > 0 ? [...subdistrictIds] : ['']);
      return (await query.execute()).map(communityOf);
    },

    /** The newest stored version of each audience's questionnaire: what a resident who opens the page answers. */
    async latestQuestionnaires(): Promise<QuestionnaireDefinition[]> {
      const rows = await db.selectFrom('entities').select('data').where('kind', '=', 'questionnaire').where('deleted_at', 'is', null).execute();
      const latest = new Map<Audience, QuestionnaireDefinition>();
      for (const row of rows) {
        const parsed = questionnaireDefinitionSchema.safeParse(JSON.parse(row.data));
        if (!parsed.success) continue;
        const current = latest.get(parsed.data.audience);
        if (!current || parsed.data.version > current.version) latest.set(parsed.data.audience, parsed.data);
      }
      return [...latest.values()].sort((a, b) => a.audience.localeCompare(b.audience));
    },

    /** A stored questionnaire version: a page opened before a newer version keeps the one it showed. */
    async questionnaire(id: string, version: number): Promise<QuestionnaireDefinition | undefined> {
      const key = questionnaireKey({ id, version });
      const known = parsedVersions.get(key);
      if (known) return known;
      const row = await db.selectFrom('entities').select('data').where('kind', '=', 'questionnaire').where('id', '=', key).where('deleted_at', 'is', null).executeTakeFirst();
      const parsed = row && questionnaireDefinitionSchema.safeParse(JSON.parse(row.data));
      if (!parsed?.success) return undefined;
      parsedVersions.set(key, parsed.data);
      return parsed.data;
    },

    /** Whether a submission with this id is stored (a replay after the round closed is still a replay). */
    async isStored(submissionId: string): Promise<boolean> {
      return (await db.selectFrom('online_submissions').select('submission_id').where('submission_id', '=', submissionId).executeTakeFirst()) !== undefined;
    },

    /**
     * Stores one response and its token in one transaction, or nothing. The token's row claims the
     * submission id and the round first (the primary key and a unique index on round and token
     * hash), so that a replay, or two submissions from one phone racing on two server processes,
     * store one. The record then enters the change log as a pushed
     * one does, so the score fold counts it with channel `online`. Submissions arriving together
     * share one commit (`groupCommit`); each is still stored whole or not at all.
     */
    async store(
      record: FinalisedRecord,
      submission: { roundId: string; communityId: string; tokenHash: string; answersHash: string; signals: Omit<OnlineSignals, 'sameAnswersBefore'> },
    ): Promise<OnlineStoreOutcome> {
      const { roundId, communityId, tokenHash, answersHash } = submission;
      try {
        return await groupCommit.run(async (trx) => {
          const receivedAt = now();
          const receivedIso = receivedAt.toISOString();
          const same = await trx
            .selectFrom('online_submissions')
            .select((eb) => eb.fn.countAll<number | string>().as('count'))
            .where('round_id', '=', roundId)
            .where('community_id', '=', communityId)
            .where('answers_hash', '=', answersHash)
            .executeTakeFirstOrThrow();
          const signals: OnlineSignals = { ...submission.signals, sameAnswersBefore: Number(same.count) };
          const claimed = await trx
            .insertInto('online_submissions')
            .values({
              submission_id: record.id,
              round_id: roundId,
              community_id: communityId,
              token_hash: tokenHash,
              received_at: receivedIso,
              answers_hash: answersHash,
              signals: JSON.stringify(signals),
            })
            .onConflict((oc) => oc.doNothing())
            .returning('submission_id')
            .executeTakeFirst();
          // Nothing claimed: this submission stored before (a replay), or this phone's earlier one.
          if (!claimed) return (await previousOutcome(trx, record, tokenHash)) ?? 'already_answered';
          const inserted = await trx
            .insertInto('records')
            .values({
              id: record.id,
              kind: record.kind,
              schema_version: record.schemaVersion,
              hash: record.hash,
              data: JSON.stringify(record.data),
              community_id: communityId,
              author_id: onlineAuthor.authorId,
              device_id: onlineAuthor.deviceId,
              pushed_by: onlineAuthor.authorId,
              batch_id: record.id,
              received_at: receivedIso,
            })
            .onConflict((oc) => oc.column('id').doNothing())
            .returning('id')
            .executeTakeFirst();
          if (!inserted) throw new RecordIdTaken();
          // Scoped to the online author, whom no device signs in as: nobody pulls residents' answers.
          await createChangesRepository(trx).publish([{ kind: 'response', entityId: record.id, data: null, deleted: false, communityId, userId: onlineAuthor.authorId }], receivedAt);
          return 'accepted';
        });
      } catch (error) {
        if (error instanceof RecordIdTaken) return 'conflict';
        throw error;
      }
    },
  };
}
export type OnlineRepository = ReturnType<typeof createOnlineRepository>;
