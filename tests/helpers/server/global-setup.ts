import { randomUUID } from 'node:crypto';
import type { TestProject } from 'vitest/node';
import { seedDemoFile } from '../../../scripts/harness/demo-database';
import { openDatabase } from '../../../src/server/db/database';
import { seedDemoData } from '../../../src/server/demo/seed';
import { withPgClient } from './pg-template';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A SQLite file with the demo data (no published round), copied by each test that wants the demo. */
    demoSqliteFile?: string;
    /** The same on PostgreSQL: a schema in TEST_DATABASE_URL that each test that wants the demo clones. */
    demoPostgresSchema?: string;
  }
}

/**
 * Seeds the demo data once for the `server` and `server-pg` projects instead of once a test: every
 * test still gets a database of its own, a copy of this one (a seed costs a scrypt hash, and the
 * migrations and ~1,000 rows, over a thousand round trips on PostgreSQL).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const connectionString = process.env.TEST_DATABASE_URL;
  if (project.config.env?.TEST_DB !== 'postgres' || !connectionString) {
    const demo = await seedDemoFile();
    project.provide('demoSqliteFile', demo.file);
    return async () => demo.remove();
  }
  const schema = `test_template_${randomUUID().replaceAll('-', '')}`;
  await withPgClient((client) => client.query(`create schema ${schema}`));
  const db = await openDatabase({ kind: 'postgres', connectionString, schema });
  await seedDemoData(db);
  await db.destroy();
  project.provide('demoPostgresSchema', schema);
  return () => withPgClient((client) => client.query(`drop schema ${schema} cascade`)).then(() => undefined);
}
