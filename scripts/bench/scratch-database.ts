import { randomUUID } from 'node:crypto';
import pg from 'pg';

/** Runs `work` with the URL of a new PostgreSQL database on the server named, dropped afterwards. */
export async function withScratchDatabase<T>(connectionString: string, prefix: string, work: (url: string) => Promise<T>): Promise<T> {
  const database = `${prefix}_${randomUUID().replaceAll('-', '')}`;
  const admin = new pg.Client({ connectionString });
  await admin.connect();
  await admin.query(`create database ${database}`);
  try {
    const url = new URL(connectionString);
    url.pathname = `/${database}`;
    return await work(url.href);
  } finally {
    await admin.query(`drop database ${database} with (force)`);
    await admin.end();
  }
}
