import { buildApp } from './app';
import { databaseTarget, readConfig } from './config';
import { openDatabase } from './db/database';
import { seedDemoData } from './demo/seed';
import { createRepositories } from './repositories';

async function main(): Promise<void> {
  const config = readConfig(process.env, process.argv.slice(2));
  const db = await openDatabase(databaseTarget(config));
  const app = await buildApp({
    db,
    staticRoot: config.staticRoot,
    https: config.tls,
    trustProxy: config.trustProxy,
    timeouts: config.timeouts,
    blobQuotaBytes: config.blobQuotaBytes,
    blobGraceMs: config.blobGraceDays * 24 * 60 * 60 * 1000,
    logger: { level: process.env.LOG_LEVEL ?? 'info' },
  });

  if (config.demo) {
    const started = performance.now();
    const { seeded } = await seedDemoData(db, undefined, { publishedRound: true });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    if (seeded) app.log.info(`Empty database: seeded demo data in ${seconds} s (13 sub-districts, 120 synthetic communities, open round 2026-H1, synthetic published round 2025-H2, demo accounts)`);
  }
  const repos = createRepositories(db, { now: () => new Date(), sessionLifetimeMs: 0 });
  if ((await repos.users.countByRole('admin')) === 0) {
    app.log.warn('No administrator exists yet. Create one with: npm run create-admin -- <username>');
  }

  const shutdown = async (signal: string) => {
    app.log.info(`${signal}: shutting down`);
    await app.close();
    await db.destroy();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));

  await app.listen({ host: config.host, port: config.port });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
