import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import type { FinalisedRecord } from '../../src/shared/records';
import { openDatabase, sqliteFileName } from '../../src/server/db/database';

/**
 * The floor under the push: the same records' rows written straight to the same table (made by
 * the server's own migrations, so with its indexes), one transaction per batch of the published
 * size, with none of the push's checks. The push can approach this time, never beat it.
 */
const columns = ['id', 'kind', 'schema_version', 'hash', 'data', 'community_id', 'author_id', 'device_id', 'pushed_by', 'batch_id', 'received_at'] as const;

function rowOf(record: FinalisedRecord, batchId: string, receivedAt: string): unknown[] {
  const data = record.data as { communityId: string; authorId: string; deviceId: string };
  return [record.id, record.kind, record.schemaVersion, record.hash, JSON.stringify(record.data), data.communityId, data.authorId, data.deviceId, data.authorId, batchId, receivedAt];
}

function batchesOf<T>(items: readonly T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));
}

function elapsedMs(start: bigint): number {
  return Math.round(Number(process.hrtime.bigint() - start) / 1e5) / 10;
}

/** better-sqlite3 on a fresh file in WAL mode, as the server opens it: one prepared insert, a transaction per batch. */
export async function sqliteFloorMs(records: readonly FinalisedRecord[], batchSize: number): Promise<number> {
  const dataDir = mkdtempSync(join(tmpdir(), 'gulou-floor-'));
  try {
    await (await openDatabase({ kind: 'sqlite', dataDir })).destroy();
    const sqlite = new BetterSqlite3(join(dataDir, sqliteFileName));
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    const insert = sqlite.prepare(`insert into records (${columns.join(', ')}) values (${columns.map(() => '?').join(', ')})`);
    const writeBatch = sqlite.transaction((rows: unknown[][]) => rows.forEach((row) => insert.run(...row)));
    const start = process.hrtime.bigint();
    batchesOf(records, batchSize).forEach((batch, index) => writeBatch(batch.map((record) => rowOf(record, `floor-${index}`, new Date().toISOString()))));
    const ms = elapsedMs(start);
    sqlite.close();
    return ms;
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** PostgreSQL at `url` (a scratch database): the server's migrations, then one multi-row insert per batch. */
export async function postgresFloorMs(url: string, records: readonly FinalisedRecord[], batchSize: number): Promise<number> {
  await (await openDatabase({ kind: 'postgres', connectionString: url })).destroy();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const start = process.hrtime.bigint();
    for (const [index, batch] of batchesOf(records, batchSize).entries()) {
      const receivedAt = new Date().toISOString();
      const placeholders = batch.map((_, row) => `(${columns.map((_, column) => `$${row * columns.length + column + 1}`).join(', ')})`);
      await client.query('begin');
      await client.query(`insert into records (${columns.join(', ')}) values ${placeholders.join(', ')}`, batch.flatMap((record) => rowOf(record, `floor-${index}`, receivedAt)));
      await client.query('commit');
    }
    return elapsedMs(start);
  } finally {
    await client.end();
  }
}
