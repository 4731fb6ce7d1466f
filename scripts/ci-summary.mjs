// Prints the one closing line CI reads: "N passed, N failed", from Vitest's JSON report.
// A run that stopped before Vitest (type check, lint, build) counts as one failure.
import { existsSync, readFileSync } from 'node:fs';

const reportPath = process.argv[2] ?? 'reports/vitest.json';
if (!existsSync(reportPath)) {
  console.log('0 passed, 1 failed');
} else {
  const report = JSON.parse(readFileSync(reportPath, 'utf8'));
  const failedSuites = report.testResults.filter((suite) => suite.status === 'failed' && suite.assertionResults.length === 0).length;
  console.log(`${report.numPassedTests} passed, ${report.numFailedTests + failedSuites} failed`);
}
