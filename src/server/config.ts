import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { DatabaseTarget } from './db/database';

export interface ServerConfig {
  host: string;
  port: number;
  dataDir: string;
  /** postgres://… to use PostgreSQL instead of the SQLite file in dataDir. */
  databaseUrl: string | undefined;
  staticRoot: string;
  demo: boolean;
  trustProxy: boolean;
  tls: { cert: Buffer; key: Buffer } | undefined;
}

function parsePort(value: string | undefined): number {
  if (value === undefined || value === '') return 8080;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a whole number from 0 to 65535, not "${value}"`);
  return port;
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
    trustProxy: env.TRUST_PROXY === '1',
    tls: readTls(env),
  };
}

export function databaseTarget(config: ServerConfig): DatabaseTarget {
  return config.databaseUrl ? { kind: 'postgres', connectionString: config.databaseUrl } : { kind: 'sqlite', dataDir: config.dataDir };
}
