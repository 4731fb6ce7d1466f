import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, type Dialect } from 'kysely';
import pg from 'pg';
import { migrations } from './migrations';
import { withStatementCache } from './statement-cache';
import type { DatabaseSchema } from './schema';

export type Database = Kysely<DatabaseSchema>;

export const sqliteFileName = 'gulou.sqlite';

export type DatabaseTarget =
  | { kind: 'sqlite'; dataDir: string }
  | { kind: 'postgres'; connectionString: string; /** isolates test runs */ schema?: string };

function sqliteDialect(dataDir: string): Dialect {
  mkdirSync(dataDir, { recursive: true });
  const sqlite = new SQLite(join(dataDir, sqliteFileName));
  // WAL lets readers proceed during a write; NORMAL sync is durable across process crashes in WAL mode.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  return new SqliteDialect({ database: withStatementCache(sqlite) });
}

/** Connections each server process keeps to PostgreSQL. */
export const postgresPoolSize = 10;

function postgresDialect(connectionString: string, schema: string | undefined): Dialect {
  // int8 (bigint) values such as change sequence numbers fit a JS number for 2^53 changes.
  pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));
  const pool = new pg.Pool({
    connectionString,
    max: postgresPoolSize,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  return new PostgresDialect({ pool });
}

/** Opens SQLite (a file in `dataDir`) or PostgreSQL and brings the schema up to date. */
export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  const dialect = target.kind === 'sqlite' ? sqliteDialect(target.dataDir) : postgresDialect(target.connectionString, target.schema);
  const db = new Kysely<DatabaseSchema>({ dialect });
  try {
    await migrateToLatest(db, target.kind === 'postgres' ? target.schema : undefined);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return db;
}

export function openSqliteDatabase(dataDir: string): Promise<Database> {
  return openDatabase({ kind: 'sqlite', dataDir });
}

/**
 * `schema` names the PostgreSQL schema the migration tables live in: without it, Kysely takes a
 * migration table of any other schema in the database for its own.
 */
export async function migrateToLatest(db: Database, schema?: string): Promise<string[]> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations }, ...(schema ? { migrationTableSchema: schema } : {}) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`Database migration ${failed} failed: ${String(error)}`, { cause: error });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
