import type { Database as SQLiteDatabase, Statement } from 'better-sqlite3';
import type { SqliteDatabase } from 'kysely';

/** Enough for every query text the server builds; a bulk insert's many row counts come and go. */
export const statementCacheCapacity = 500;

/**
 * Kysely's SQLite driver prepares every query anew, which costs about as much as running it. The
 * server builds the same few query texts over and over, so each is prepared once and reused (least
 * recently used dropped first). Reuse is safe: the driver holds its one connection until a query's
 * rows are read, so no prepared statement is ever busy when it is asked for again.
 */
export function withStatementCache(sqlite: SQLiteDatabase, capacity = statementCacheCapacity): SqliteDatabase {
  const statements = new Map<string, Statement>();
  return {
    prepare(sql: string): Statement {
      const cached = statements.get(sql);
      if (cached) {
        // Moved to the end: a Map iterates in insertion order, so its first key is the least recently used.
        statements.delete(sql);
        statements.set(sql, cached);
        return cached;
      }
      const statement = sqlite.prepare(sql);
      statements.set(sql, statement);
      if (statements.size > capacity) statements.delete(statements.keys().next().value!);
      return statement;
    },
    close() {
      statements.clear();
      sqlite.close();
    },
  };
}
