import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { databaseTarget, defaultBlobQuotaBytes, defaultTimeouts, readConfig } from '../../src/server/config';

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

  it('trusts a proxy by hop count or by its addresses, never every hop', () => {
    expect(readConfig({}, []).trustProxy).toBe(false);
    expect(readConfig({ TRUST_PROXY: '1' }, []).trustProxy).toBe(1);
    expect(readConfig({ TRUST_PROXY: '127.0.0.1, 10.0.0.0/8' }, []).trustProxy).toEqual(['127.0.0.1', '10.0.0.0/8']);
    expect(() => readConfig({ TRUST_PROXY: 'true' }, [])).toThrow('TRUST_PROXY must be a hop count');
  });

  it('reads the connection timeouts, with defaults, and refuses nonsense', () => {
    expect(readConfig({}, []).timeouts).toEqual(defaultTimeouts);
    expect(readConfig({ REQUEST_TIMEOUT_MS: '20000', HEADERS_TIMEOUT_MS: '5000', KEEP_ALIVE_TIMEOUT_MS: '4000', CONNECTION_TIMEOUT_MS: '9000' }, []).timeouts).toEqual({
      requestMs: 20_000,
      headersMs: 5000,
      keepAliveMs: 4000,
      connectionMs: 9000,
    });
    expect(() => readConfig({ REQUEST_TIMEOUT_MS: 'soon' }, [])).toThrow('REQUEST_TIMEOUT_MS must be a whole number');
    expect(() => readConfig({ REQUEST_TIMEOUT_MS: '1000', HEADERS_TIMEOUT_MS: '2000' }, [])).toThrow('HEADERS_TIMEOUT_MS must not exceed REQUEST_TIMEOUT_MS');
  });

  it('reads the per-user blob quota and the grace period of unreferenced blobs', () => {
    expect(readConfig({}, [])).toMatchObject({ blobQuotaBytes: defaultBlobQuotaBytes, blobGraceDays: 7 });
    expect(readConfig({ BLOB_QUOTA_BYTES: '1048576', BLOB_GRACE_DAYS: '30' }, [])).toMatchObject({ blobQuotaBytes: 1_048_576, blobGraceDays: 30 });
  });
});
