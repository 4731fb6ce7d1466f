import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { databaseTarget, readConfig } from '../../src/server/config';

describe('server configuration', () => {
  it('defaults to port 8080 on all interfaces with ./data and no demo data', () => {
    const config = readConfig({}, []);
    expect(config).toMatchObject({ host: '0.0.0.0', port: 8080, dataDir: resolve('data'), demo: false, tls: undefined });
  });

  it('reads HOST, PORT, DATA_DIR and --demo', () => {
    const config = readConfig({ HOST: '127.0.0.1', PORT: '9000', DATA_DIR: '/tmp/gulou' }, ['--demo']);
    expect(config).toMatchObject({ host: '127.0.0.1', port: 9000, dataDir: '/tmp/gulou', demo: true });
  });

  it('uses PostgreSQL when DATABASE_URL is set, else the SQLite file in DATA_DIR', () => {
    expect(databaseTarget(readConfig({ DATABASE_URL: 'postgres://u:p@db:5432/gulou' }, []))).toEqual({ kind: 'postgres', connectionString: 'postgres://u:p@db:5432/gulou' });
    expect(databaseTarget(readConfig({ DATA_DIR: '/srv/gulou' }, []))).toEqual({ kind: 'sqlite', dataDir: '/srv/gulou' });
    expect(() => readConfig({ DATABASE_URL: 'mysql://x' }, [])).toThrow('DATABASE_URL must be a postgres://… URL');
  });

  it('refuses a bad PORT and half a TLS configuration with a clear message', () => {
    expect(() => readConfig({ PORT: 'eighty' }, [])).toThrow('PORT must be a whole number');
    expect(() => readConfig({ TLS_CERT: '/etc/cert.pem' }, [])).toThrow('TLS_CERT and TLS_KEY');
  });
});
