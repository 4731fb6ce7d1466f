import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import { buildApp } from '../../src/server/app';
import { openSqliteDatabase } from '../../src/server/db/database';
import { seedDemoData } from '../../src/server/demo/seed';
import { copyDemoFile } from './demo-database';

export const distDir = resolve('dist');

export interface LiveServer {
  url: string;
  dataDir: string;
  close(): Promise<void>;
}

/**
 * The real server with demo data (and the built PWA unless `app: false`; the published round 2025-H2
 * with `publishedRound`), on 127.0.0.1 on a free port. With `seededFrom` (a file from `seedDemoFile`
 * holding the same demo data) its database starts as a copy of that file instead of being seeded.
 */
export async function startLiveServer(options: { app?: boolean; publishedRound?: boolean; seededFrom?: string } = {}): Promise<LiveServer> {
  const servesApp = options.app ?? true;
  if (servesApp && !existsSync(join(distDir, 'index.html'))) throw new Error('dist/ is missing: run `npm run build` first (npm test does)');
  const dataDir = mkdtempSync(join(tmpdir(), 'gulou-e2e-'));
  if (options.seededFrom) copyDemoFile(options.seededFrom, dataDir);
  const db = await openSqliteDatabase(dataDir);
  if (!options.seededFrom) await seedDemoData(db, undefined, { publishedRound: options.publishedRound });
  const app = await buildApp({ db, staticRoot: servesApp ? distDir : undefined });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  let closed = false;
  return {
    url: `http://127.0.0.1:${port}`,
    dataDir,
    async close() {
      if (closed) return;
      closed = true;
      // Like a server that goes away: open connections (a device's sync under way) are cut, not awaited.
      const closing = app.close();
      app.server.closeAllConnections();
      await closing;
      await db.destroy();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
