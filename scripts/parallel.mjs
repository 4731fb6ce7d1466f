// Runs commands side by side, each output line marked with its label, e.g.
//   node scripts/parallel.mjs typecheck lint,build
// runs `npm run typecheck` beside `npm run lint && npm run build`, and exits non-zero if any failed.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';

/** Runs `command args`, writing its output line by line as `[label] …`; resolves to its exit code. */
export function runLabelled(label, command, args, env = process.env) {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...env, FORCE_COLOR: env.FORCE_COLOR ?? (process.stdout.isTTY ? '1' : '0') },
    });
    for (const [stream, out] of [
      [child.stdout, process.stdout],
      [child.stderr, process.stderr],
    ]) {
      createInterface({ input: stream }).on('line', (line) => out.write(`[${label}] ${line}\n`));
    }
    child.on('error', () => resolve(1));
    child.on('close', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

async function runChain(scripts) {
  for (const script of scripts) {
    const code = await runLabelled(script, 'npm', ['run', script]);
    if (code !== 0) return code;
  }
  return 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const chains = process.argv.slice(2).map((chain) => chain.split(','));
  const codes = await Promise.all(chains.map(runChain));
  process.exit(codes.some((code) => code !== 0) ? 1 : 0);
}
