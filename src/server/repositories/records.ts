import type { Database } from '../db/database';
import type { RecordConflictsTable, RecordsTable } from '../db/schema';

/**
 * Device records as stored: the reads and writes the push makes, a batch at a time. What a push
 * decides with them is in `server/sync` (apply-batch.ts and its stages).
 */

const chunkSize = 400;
const insertChunkSize = 500;

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

/** What the records of a batch name, to be looked up at once. */
export interface RecordReferences {
  ids: string[];
  communityIds: string[];
  roundIds: string[];
  /** `${id}@${version}`, as questionnaires are published. */
  questionnaireKeys: string[];
  blobHashes: string[];
  caseIds: string[];
}

/** What the database holds of a batch's references. */
export interface StoredReferences {
  /** Stored records by id: their hash and author. */
  stored: Map<string, { hash: string; authorId: string }>;
  communities: Set<string>;
  rounds: Set<string>;
  /** Published questionnaire entities by `${id}@${version}`, as stored text. */
  questionnaireTexts: { id: string; data: string }[];
  /** Stored blobs by hash: everyone who uploaded its bytes. */
  blobs: Map<string, ReadonlySet<string>>;
  /** Cases by id: the communities each was raised in, and its sub-district. */
  cases: Map<string, { communityIds: string[]; subdistrictId: string }>;
}

function uploadersByHash(rows: readonly { hash: string; user_id: string }[]): StoredReferences['blobs'] {
  const byHash = new Map<string, Set<string>>();
  for (const row of rows) byHash.set(row.hash, (byHash.get(row.hash) ?? new Set()).add(row.user_id));
  return byHash;
}

export function createRecordsRepository(db: Database) {
  async function stored(ids: readonly string[]): Promise<StoredReferences['stored']> {
    const rows = await selectInChunks(ids, (part) => db.selectFrom('records').select(['id', 'hash', 'author_id']).where('id', 'in', part).execute());
    return new Map(rows.map((r) => [r.id, { hash: r.hash, authorId: r.author_id }]));
  }

  return {
    /** Stored records' hash and author, by id. */
    stored,

    /** Everything a batch's references name, one query per table and chunk (never one per record). */
    async references(references: RecordReferences): Promise<StoredReferences> {
      const column = async <K extends string>(keys: readonly string[], select: (part: string[]) => Promise<{ [key in K]: string }[]>, key: K) =>
        new Set((await selectInChunks(keys, select)).map((row) => row[key]));
      const caseRows = await selectInChunks(references.caseIds, (part) => db.selectFrom('cases').select(['id', 'community_ids', 'subdistrict_id']).where('id', 'in', part).execute());
      return {
        stored: await stored(references.ids),
        communities: await column(references.communityIds, (part) => db.selectFrom('communities').select('id').where('id', 'in', part).execute(), 'id'),
        cases: new Map(caseRows.map((row) => [row.id, { communityIds: JSON.parse(row.community_ids) as string[], subdistrictId: row.subdistrict_id }])),
        rounds: await column(references.roundIds, (part) => db.selectFrom('rounds').select('id').where('id', 'in', part).execute(), 'id'),
        blobs: uploadersByHash(await selectInChunks(references.blobHashes, (part) => db.selectFrom('blob_uploaders').select(['hash', 'user_id']).where('hash', 'in', part).execute())),
        questionnaireTexts: await selectInChunks(references.questionnaireKeys, (part) =>
          db.selectFrom('entities').select(['id', 'data']).where('kind', '=', 'questionnaire').where('id', 'in', part).where('deleted_at', 'is', null).execute(),
        ),
      };
    },

    /**
     * Inserts the rows whose id is not stored yet and answers the ids it inserted; a row whose id a
     * concurrent push stored meanwhile is left as it is. In id order, so that two batches inserting
     * the same ids wait on each other, never deadlock.
     */
    async insertNew(rows: readonly RecordsTable[]): Promise<Set<string>> {
      const inserted = new Set<string>();
      for (const part of chunks([...rows].sort((a, b) => compareText(a.id, b.id)), insertChunkSize)) {
        const written = await db.insertInto('records').values(part).onConflict((oc) => oc.column('id').doNothing()).returning('id').execute();
        for (const row of written) inserted.add(row.id);
      }
      return inserted;
    },

    /** Keeps other versions of stored ids, once per id and hash, in (id, hash) order for the same reason. */
    async insertConflicts(rows: readonly RecordConflictsTable[]): Promise<void> {
      const sorted = [...rows].sort((a, b) => compareText(a.record_id, b.record_id) || compareText(a.hash, b.hash));
      for (const part of chunks(sorted, insertChunkSize)) {
        await db.insertInto('record_conflicts').values(part).onConflict((oc) => oc.columns(['record_id', 'hash']).doNothing()).execute();
      }
    },

    async count(): Promise<number> {
      const { n } = await db.selectFrom('records').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      return Number(n);
    },
  };
}
export type RecordsRepository = ReturnType<typeof createRecordsRepository>;
