import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { inject } from 'vitest';
import type { PushResult } from '../../../src/shared/sync';
import { buildApp, type AppOptions } from '../../../src/server/app';
import { openDatabase, type Database } from '../../../src/server/db/database';
import { copyDemoFile } from '../../../scripts/harness/demo-database';
import { cloneSchema, withPgClient } from './pg-template';
import { demoPassword, seedDemoData } from '../../../src/server/demo/seed';

export interface TestServer {
  app: FastifyInstance;
  db: Database;
  dataDir: string;
  /** A second connection (pool) to the same database, as another server process would have. */
  connectAgain(): Promise<Database>;
  close(): Promise<void>;
}

/** `server-pg` runs the same suite on PostgreSQL (TEST_DATABASE_URL); `server` on SQLite files. */
export const testBackend = process.env.TEST_DB === 'postgres' ? 'postgres' : 'sqlite';

/**
 * A fresh database for one test: a SQLite file in a temporary folder, or a new PostgreSQL schema
 * (dropped on release) in the TEST_DATABASE_URL database; with `seededFrom` (a SQLite file, or on
 * PostgreSQL a schema) a copy of that seeded database.
 */
export async function openTestDatabase(
  seededFrom?: string,
): Promise<{ db: Database; dataDir: string; connectAgain(): Promise<Database>; release(): Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'gulou-test-'));
  if (testBackend === 'sqlite') {
    if (seededFrom) copyDemoFile(seededFrom, dataDir);
    const connectAgain = () => openDatabase({ kind: 'sqlite', dataDir });
    return { db: await connectAgain(), dataDir, connectAgain, release: async () => rmSync(dataDir, { recursive: true, force: true }) };
  }
  const connectionString = process.env.TEST_DATABASE_URL;
  if (!connectionString) throw new Error('TEST_DB=postgres needs TEST_DATABASE_URL=postgres://…');
  const schema = `test_${randomUUID().replaceAll('-', '')}`;
  await withPgClient(async (client) => {
    if (seededFrom) await cloneSchema(client, seededFrom, schema);
    else await client.query(`create schema ${schema}`);
  });
  const connectAgain = () => openDatabase({ kind: 'postgres', connectionString, schema });
  const db = await connectAgain();
  return {
    db,
    dataDir,
    connectAgain,
    async release() {
      await withPgClient((client) => client.query(`drop schema ${schema} cascade`));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * A whole app on a fresh database, optionally with the demo data: a copy of the database the project
 * seeded once (tests/helpers/server/global-setup.ts), or seeded here without one.
 */
export async function startTestApp(options: Partial<AppOptions> & { demo?: boolean } = {}): Promise<TestServer> {
  const { demo = true, ...appOptions } = options;
  const seeded = demo ? inject(testBackend === 'sqlite' ? 'demoSqliteFile' : 'demoPostgresSchema') : undefined;
  const { db, dataDir, connectAgain, release } = await openTestDatabase(seeded);
  if (demo && !seeded) await seedDemoData(db);
  const app = await buildApp({ db, ...appOptions });
  return {
    app,
    db,
    dataDir,
    connectAgain,
    async close() {
      await app.close();
      await db.destroy().catch(() => undefined);
      await release();
    },
  };
}

export async function loginAs(app: FastifyInstance, username: string, password = demoPassword) {
  const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  return { response, body: response.json() as { token: string; user: { id: string; role: string } } };
}

/** POST /api/sync/push of `records` as they are (valid or not), from device "device-a". */
export async function pushRecords(app: FastifyInstance, token: string, records: unknown[], batchId: string) {
  const response = await app.inject({
    method: 'POST',
    url: '/api/sync/push',
    headers: { authorization: `Bearer ${token}` },
    payload: { deviceId: 'device-a', batchId, records },
  });
  return { response, results: (response.json() as { results?: PushResult[] }).results ?? [] };
}
