import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function waitUntilHealthy(url: string, child: ChildProcess, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`server at ${url} did not become healthy`);
}

/**
 * The real server as its own process (`src/server/main.ts --demo`), on a SQLite file unless `env`
 * names a DATABASE_URL: a test can kill it with SIGKILL mid-request and start it again on the same data.
 */
export async function startServerProcess(env: Record<string, string> = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'gulou-proc-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;

  async function start(): Promise<void> {
    child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts', '--demo'], {
      // Without the published demo round: its 35,000 responses are not what these tests are about.
      env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), DATA_DIR: dataDir, STATIC_ROOT: join(dataDir, 'no-app'), LOG_LEVEL: 'warn', DEMO_PUBLISHED_ROUND: '0', ...env },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    await waitUntilHealthy(url, child);
  }

  function kill(): Promise<void> {
    const running = child;
    if (!running || running.exitCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      running.once('exit', () => resolve());
      running.kill('SIGKILL');
    });
  }

  await start();
  return {
    url,
    dataDir,
    /** The running server's process id (a bench reads its CPU time). */
    get pid(): number | undefined {
      return child?.pid;
    },
    /** Kills the process at once, as a power cut would, and starts it again on the same data. */
    async restart() {
      await kill();
      await start();
    },
    kill,
    async close() {
      await kill();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
export type ServerProcess = Awaited<ReturnType<typeof startServerProcess>>;
