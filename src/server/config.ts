import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { DatabaseTarget } from './db/database';

/**
 * Which hops may name the client in X-Forwarded-For: none (`false`), the last N hops, or the
 * proxies' own addresses. Never "everyone": the client could then choose its own address.
 */
export type TrustedProxies = false | number | string[];

/** Bounds on how long a connection may hold the server (milliseconds). */
export interface ServerTimeouts {
  /** Whole request, headers and body, must arrive within this. */
  requestMs: number;
  /** Headers must arrive within this. */
  headersMs: number;
  /** An idle kept-alive connection is closed after this. */
  keepAliveMs: number;
  /** A socket with no traffic at all is closed after this. */
  connectionMs: number;
}

export const defaultTimeouts: ServerTimeouts = { requestMs: 60_000, headersMs: 15_000, keepAliveMs: 10_000, connectionMs: 30_000 };
export const defaultBlobQuotaBytes = 200 * 1024 * 1024;
/** A day's photos and signatures are a few MB; a week offline synced at once, some tens. */
export const defaultBlobUploadRate = { maxBytes: 64 * 1024 * 1024, timeWindowMs: 10 * 60_000 };
/** Longer than a device is expected to stay offline between uploading an image and pushing its record. */
export const defaultBlobGraceDays = 7;

export interface ServerConfig {
  host: string;
  port: number;
  dataDir: string;
  /** postgres://… to use PostgreSQL instead of the SQLite file in dataDir. */
  databaseUrl: string | undefined;
  staticRoot: string;
  demo: boolean;
  /** With demo: also the synthetic published round 2025-H2 (35,000 responses, several seconds). */
  demoPublishedRound: boolean;
  trustProxy: TrustedProxies;
  timeouts: ServerTimeouts;
  /** Bytes of blobs each user may upload in all. */
  blobQuotaBytes: number;
  /** Days an uploaded blob may wait for a record that references it. */
  blobGraceDays: number;
  tls: { cert: Buffer; key: Buffer } | undefined;
}

function parsePort(value: string | undefined): number {
  if (value === undefined || value === '') return 8080;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a whole number from 0 to 65535, not "${value}"`);
  return port;
}

function parseWholeNumber(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number <= 0) throw new Error(`${name} must be a whole number above 0, not "${value}"`);
  return number;
}

function readTrustProxy(value: string | undefined): TrustedProxies {
  if (value === undefined || value === '') return false;
  if (/^\d+$/.test(value)) return Number(value);
  if (/^(true|all|\*)$/i.test(value)) {
    throw new Error('TRUST_PROXY must be a hop count (1 behind one proxy) or the proxies\' addresses, never everyone: clients could forge their address');
  }
  return value.split(',').map((address) => address.trim()).filter((address) => address !== '');
}

function readTimeouts(env: NodeJS.ProcessEnv): ServerTimeouts {
  const timeouts = {
    requestMs: parseWholeNumber('REQUEST_TIMEOUT_MS', env.REQUEST_TIMEOUT_MS, defaultTimeouts.requestMs),
    headersMs: parseWholeNumber('HEADERS_TIMEOUT_MS', env.HEADERS_TIMEOUT_MS, defaultTimeouts.headersMs),
    keepAliveMs: parseWholeNumber('KEEP_ALIVE_TIMEOUT_MS', env.KEEP_ALIVE_TIMEOUT_MS, defaultTimeouts.keepAliveMs),
    connectionMs: parseWholeNumber('CONNECTION_TIMEOUT_MS', env.CONNECTION_TIMEOUT_MS, defaultTimeouts.connectionMs),
  };
  // Node refuses a header timeout longer than the request timeout.
  if (timeouts.headersMs > timeouts.requestMs) throw new Error('HEADERS_TIMEOUT_MS must not exceed REQUEST_TIMEOUT_MS');
  return timeouts;
}

function readTls(env: NodeJS.ProcessEnv): ServerConfig['tls'] {
  const { TLS_CERT: certPath, TLS_KEY: keyPath } = env;
  if (!certPath && !keyPath) return undefined;
  if (!certPath || !keyPath) throw new Error('Set both TLS_CERT and TLS_KEY (PEM file paths), or neither');
  return { cert: readFileSync(certPath), key: readFileSync(keyPath) };
}

function readDatabaseUrl(value: string | undefined): string | undefined {
  if (!value) return undefined;
  if (!/^postgres(ql)?:\/\//.test(value)) throw new Error('DATABASE_URL must be a postgres://… URL (leave it unset for the SQLite file in DATA_DIR)');
  return value;
}

/** Configuration from the environment and command line (`--demo` seeds demo data into an empty database). */
export function readConfig(env: NodeJS.ProcessEnv, argv: readonly string[]): ServerConfig {
  return {
    host: env.HOST || '0.0.0.0',
    port: parsePort(env.PORT),
    dataDir: resolve(env.DATA_DIR || './data'),
    databaseUrl: readDatabaseUrl(env.DATABASE_URL),
    staticRoot: resolve(env.STATIC_ROOT || './dist'),
    demo: argv.includes('--demo') || env.DEMO === '1',
    demoPublishedRound: env.DEMO_PUBLISHED_ROUND !== '0',
    trustProxy: readTrustProxy(env.TRUST_PROXY),
    timeouts: readTimeouts(env),
    blobQuotaBytes: parseWholeNumber('BLOB_QUOTA_BYTES', env.BLOB_QUOTA_BYTES, defaultBlobQuotaBytes),
    blobGraceDays: parseWholeNumber('BLOB_GRACE_DAYS', env.BLOB_GRACE_DAYS, defaultBlobGraceDays),
    tls: readTls(env),
  };
}

export function databaseTarget(config: ServerConfig): DatabaseTarget {
  return config.databaseUrl ? { kind: 'postgres', connectionString: config.databaseUrl } : { kind: 'sqlite', dataDir: config.dataDir };
}
