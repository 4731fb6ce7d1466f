import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { migrateToLatest, openSqliteDatabase, type Database } from '../../src/server/db/database';
import { migrations } from '../../src/server/db/migrations';

let dataDir: string;
let db: Database | undefined;
afterEach(async () => {
  await db?.destroy();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the SQLite database', () => {
  it('creates the file in DATA_DIR with WAL and applies each migration once', async () => {
    dataDir = join(mkdtempSync(join(tmpdir(), 'gulou-db-')), 'nested', 'data');
    db = await openSqliteDatabase(dataDir);
    const { rows } = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(db);
    expect(rows[0]?.journal_mode).toBe('wal');
    expect(await migrateToLatest(db)).toEqual([]);
    const applied = await db.selectFrom('kysely_migration' as never).select('name' as never).execute();
    expect(applied.map((row) => (row as { name: string }).name).sort()).toEqual(Object.keys(migrations).sort());
  });

  it('keeps what was stored across a reopen', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'gulou-db-'));
    const first = await openSqliteDatabase(dataDir);
    await first.insertInto('rounds').values({ id: '2026-H2', starts_on: '2026-07-01', ends_on: '2026-12-31' }).execute();
    await first.destroy();
    db = await openSqliteDatabase(dataDir);
    expect(await db.selectFrom('rounds').select('id').execute()).toEqual([{ id: '2026-H2' }]);
  });
});
