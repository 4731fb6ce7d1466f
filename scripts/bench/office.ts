import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { buildApp } from '../../src/server/app';
import { openDatabase, type Database, type DatabaseTarget } from '../../src/server/db/database';
import { demoPassword, seedDemoData, syntheticCommunities } from '../../src/server/demo/seed';
import { createRepositories } from '../../src/server/repositories';

/** Issue 10's targets: a 50,000-household register imported under 5 s; the fleet of 1,000 devices under 200 ms of server time. */
const households = Number(process.env.BENCH_HOUSEHOLDS ?? 50_000);
const devices = Number(process.env.BENCH_DEVICES ?? 1_000);
const fleetRequests = 20;

function elapsedMs(start: number): number {
  return Math.round(performance.now() - start);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** A register spread over the 120 synthetic communities, 4 units × 10 floors × 4 rooms per building. */
async function registerWorkbook(count: number): Promise<Buffer> {
  const communities = syntheticCommunities();
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('住户名册');
  sheet.addRow(['社区', '楼栋', '单元', '房号']);
  for (let i = 0; i < count; i += 1) {
    const door = Math.floor(i / communities.length);
    sheet.addRow([communities[i % communities.length]!.id, String(Math.floor(door / 160) + 1), String(Math.floor((door % 160) / 40) + 1), `${Math.floor((door % 40) / 4) + 1}0${(door % 4) + 1}`]);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function signIn(app: FastifyInstance, username: string): Promise<string> {
  const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: demoPassword } });
  return (response.json() as { token: string }).token;
}

async function importRegister(app: FastifyInstance, token: string) {
  const file = await registerWorkbook(households);
  const start = performance.now();
  const response = await app.inject({
    method: 'POST',
    url: '/api/households/import?commit=true',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
    payload: file,
  });
  const importMs = elapsedMs(start);
  const report = response.json() as { newHouseholds: number; written: boolean };
  if (!report.written || report.newHouseholds !== households) throw new Error(`register import failed: ${response.body.slice(0, 300)}`);
  return { households, fileBytes: file.length, importMs, targetMs: 5000, withinTarget: importMs < 5000 };
}

async function fleetView(app: FastifyInstance, db: Database, token: string) {
  const repos = createRepositories(db, { now: () => new Date(), sessionLifetimeMs: 3_600_000 });
  const communities = syntheticCommunities();
  for (let i = 0; i < devices; i += 1) {
    const user = await repos.users.create({ username: `bench-worker-${i}`, name: `网格员${i}`, role: 'grid_worker', scope: { level: 'community', ids: [communities[i % communities.length]!.id] }, passwordHash: 'not-a-usable-hash' });
    await repos.devices.saveReport(user.id, {
      deviceId: `bench-device-${i}`,
      appVersion: i % 10 === 0 ? '0.0.9' : '0.1.0',
      persistentStorage: i % 7 !== 0,
      freeBytes: 2e9,
      unsentByKind: i % 3 === 0 ? { visit: 2, response: 2, signature: 2 } : {},
      oldestUnsentAt: i % 3 === 0 ? '2026-01-01T00:00:00.000Z' : null,
      refused: i % 50 === 0 ? 1 : 0,
    });
  }
  const times: number[] = [];
  for (let n = 0; n < fleetRequests; n += 1) {
    const start = performance.now();
    const response = await app.inject({ method: 'GET', url: '/api/devices', headers: { authorization: `Bearer ${token}` } });
    // In-process (no network): the server's work, authentication, query and serialisation included.
    times.push(elapsedMs(start));
    if (response.statusCode !== 200 || (response.json() as { devices: unknown[] }).devices.length !== devices) throw new Error(`fleet view failed: ${response.statusCode}`);
  }
  const medianMs = median(times);
  return { devices, requests: fleetRequests, medianServerMs: medianMs, maxServerMs: Math.max(...times), targetMs: 200, withinTarget: medianMs < 200 };
}

async function withDemoApp<T>(target: DatabaseTarget, work: (app: FastifyInstance, db: Database, token: string) => Promise<T>): Promise<T> {
  const db = await openDatabase(target);
  try {
    await seedDemoData(db);
    const app = await buildApp({ db });
    try {
      return await work(app, db, await signIn(app, 'demo-supervisor'));
    } finally {
      await app.close();
    }
  } finally {
    await db.destroy();
  }
}

/** The register import on PostgreSQL (BENCH_DATABASE_URL or TEST_DATABASE_URL), in a scratch schema. */
async function householdImportOnPostgres() {
  const connectionString = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (!connectionString) return { skipped: 'set BENCH_DATABASE_URL=postgres://… to measure PostgreSQL' };
  const schema = `bench_${randomUUID().replaceAll('-', '')}`;
  const admin = new pg.Client({ connectionString });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  try {
    return await withDemoApp({ kind: 'postgres', connectionString, schema }, (app, _db, token) => importRegister(app, token));
  } finally {
    await admin.query(`drop schema ${schema} cascade`);
    await admin.end();
  }
}

/** Both benchmarks on a fresh SQLite database with the demo data, and the import on PostgreSQL when one is configured. */
export async function officeBenchmarks() {
  const dataDir = mkdtempSync(join(tmpdir(), 'gulou-bench-office-'));
  try {
    const sqlite = await withDemoApp({ kind: 'sqlite', dataDir }, async (app, db, token) => ({ householdImport: await importRegister(app, token), fleetView: await fleetView(app, db, token) }));
    return { ...sqlite, householdImportPostgres: await householdImportOnPostgres() };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
