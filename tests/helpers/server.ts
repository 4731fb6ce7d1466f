import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp, type AppOptions } from '../../src/server/app';
import { openSqliteDatabase, type Database } from '../../src/server/db/database';
import { demoPassword, seedDemoData } from '../../src/server/demo/seed';

export interface TestServer {
  app: FastifyInstance;
  db: Database;
  dataDir: string;
  close(): Promise<void>;
}

/** A whole app on a fresh SQLite file in a temporary folder, optionally with the demo data. */
export async function startTestApp(options: Partial<AppOptions> & { demo?: boolean } = {}): Promise<TestServer> {
  const { demo = true, ...appOptions } = options;
  const dataDir = mkdtempSync(join(tmpdir(), 'gulou-test-'));
  const db = await openSqliteDatabase(dataDir);
  if (demo) await seedDemoData(db);
  const app = await buildApp({ db, ...appOptions });
  return {
    app,
    db,
    dataDir,
    async close() {
      await app.close();
      await db.destroy().catch(() => undefined);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function loginAs(app: FastifyInstance, username: string, password = demoPassword) {
  const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  return { response, body: response.json() as { token: string; user: { id: string; role: string } } };
}
