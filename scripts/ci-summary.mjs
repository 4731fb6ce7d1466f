// Prints the one closing line CI reads: "N passed, N failed", added up over Vitest's JSON reports
// (scripts/run-tests.mjs writes two). A missing report, as from a run that stopped before Vitest
// (type check, lint, build) or a Vitest process that died, or an unreadable one counts as one failure.
import { existsSync, readFileSync } from 'node:fs';

const reportPaths = process.argv.length > 2 ? process.argv.slice(2) : ['reports/vitest.json', 'reports/vitest-e2e.json'];
let passed = 0;
let failed = 0;
for (const reportPath of reportPaths) {
  if (!existsSync(reportPath)) {
    failed += 1;
    continue;
  }
  let report;
  try {
    report = JSON.parse(readFileSync(reportPath, 'utf8'));
  } catch {
    failed += 1;
    continue;
  }
  const failedSuites = report.testResults.filter((suite) => suite.status === 'failed' && suite.assertionResults.length === 0).length;
  passed += report.numPassedTests;
  failed += report.numFailedTests + failedSuites;
}
console.log(`${passed} passed, ${failed} failed`);
