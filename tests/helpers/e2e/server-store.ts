import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { LiveServer } from '../../../scripts/harness/live-server';
import { sqliteFileName } from '../../../src/server/db/database';

export interface ServerRow {
  id: string;
  kind: string;
  hash: string;
  data: Record<string, unknown>;
}

/** What the server stored, read straight from its SQLite file: the records (by id) and the blobs' hashes and sizes. */
export function readServerStore(server: LiveServer): { records: ServerRow[]; blobs: Array<{ hash: string; size: number }> } {
  const db = new Database(join(server.dataDir, sqliteFileName), { readonly: true });
  try {
    const rows = db.prepare('select id, kind, hash, data from records order by id').all() as Array<Omit<ServerRow, 'data'> & { data: string }>;
    const blobs = db.prepare('select hash, size from blobs order by hash').all() as Array<{ hash: string; size: number }>;
    return { records: rows.map((row) => ({ ...row, data: JSON.parse(row.data) as Record<string, unknown> })), blobs };
  } finally {
    db.close();
  }
}
