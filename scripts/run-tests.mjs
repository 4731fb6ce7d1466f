// Runs every Vitest project in two processes at once, one a core: the end-to-end project (one
// Chromium, one file at a time) beside all the others. In one process Vitest would run e2e, whose
// files may not run in parallel, only after every other project had finished. Each process writes
// its own JSON report; scripts/ci-summary.mjs adds them up. Exits non-zero if either run failed.
// Arguments, if any, go to a single plain `vitest run` instead.
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { runLabelled } from './parallel.mjs';

const vitest = ['node_modules/vitest/vitest.mjs', 'run'];
const runs = [
  { label: 'e2e', args: ['--project', 'e2e', '--outputFile.json=reports/vitest-e2e.json'] },
  { label: 'rest', args: ['--project', '!e2e', '--outputFile.json=reports/vitest.json'] },
];

if (process.argv.length > 2) {
  const child = spawn(process.execPath, [...vitest, ...process.argv.slice(2)], { stdio: 'inherit' });
  child.on('close', (code) => process.exit(code ?? 1));
} else {
  mkdirSync('reports', { recursive: true });
  const codes = await Promise.all(runs.map(({ label, args }) => runLabelled(label, process.execPath, [...vitest, '--reporter=default', '--reporter=json', ...args])));
  process.exit(codes.some((code) => code !== 0) ? 1 : 0);
}
