// Runs every Vitest project in two processes at once, one a core: the projects whose files run one
// at a time (e2e with its Chromium, then sync) beside all the others. In one process Vitest would
// run those only after every other project had finished. The split keeps the two about as long as
// each other. Each process writes its own JSON report; scripts/ci-summary.mjs adds them up. Exits
// non-zero if either run failed. Arguments, if any, go to a single plain `vitest run` instead.
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { runLabelled } from './parallel.mjs';

const vitest = ['node_modules/vitest/vitest.mjs', 'run'];
// Between them the two runs name every project of vitest.config.ts ('server*' is server and server-pg).
const runs = [
  { label: 'e2e+sync', args: ['--project', 'e2e', '--project', 'sync', '--outputFile.json=reports/vitest-e2e-sync.json'] },
  { label: 'rest', args: ['--project', 'shared', '--project', 'app', '--project', 'server*', '--outputFile.json=reports/vitest.json'] },
];

if (process.argv.length > 2) {
  const child = spawn(process.execPath, [...vitest, ...process.argv.slice(2)], { stdio: 'inherit' });
  child.on('close', (code) => process.exit(code ?? 1));
} else {
  mkdirSync('reports', { recursive: true });
  const codes = await Promise.all(runs.map(({ label, args }) => runLabelled(label, process.execPath, [...vitest, '--reporter=default', '--reporter=json', ...args])));
  process.exit(codes.some((code) => code !== 0) ? 1 : 0);
}
