import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteDatabase, sqliteFileName } from '../../src/server/db/database';
import { seedDemoData } from '../../src/server/demo/seed';

/**
 * Seeds the demo data once into a closed SQLite file, for a test run to copy into each server's
 * folder instead of seeding every time (the published round 2025-H2 takes seconds to seed).
 */
export async function seedDemoFile(options: { publishedRound?: boolean } = {}): Promise<{ file: string; remove(): void }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'gulou-demo-template-'));
  const db = await openSqliteDatabase(dataDir);
  await seedDemoData(db, undefined, options);
  // Closing the last connection checkpoints the WAL into the main file.
  await db.destroy();
  return { file: join(dataDir, sqliteFileName), remove: () => rmSync(dataDir, { recursive: true, force: true }) };
}

/** Puts a copy of `file` (from `seedDemoFile`) in `dataDir` as its database. */
export function copyDemoFile(file: string, dataDir: string): void {
  const to = join(dataDir, sqliteFileName);
  copyFileSync(file, to);
  if (existsSync(`${file}-wal`)) copyFileSync(`${file}-wal`, `${to}-wal`);
}
