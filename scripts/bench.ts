// Benchmarks, printed as one JSON document. Run with `npm run bench` (it builds the app first).
import { deliberationBenchmarks } from './bench/deliberation';
import { casesBenchmarks } from './bench/cases';
import { loadBenchmarks } from './bench/load';
import { onlineBenchmarks } from './bench/online';
import { officeBenchmarks } from './bench/office';
import { pageBenchmarks } from './bench/pages';
import { resultsLayoutShift, resultsPageWeight } from './bench/results-page';
import { scoresBenchmarks } from './bench/scores';
import { signInPageWeight } from './bench/sign-in';
import { surveyBenchmarks } from './bench/survey';
import { syncBenchmarks } from './bench/sync';
import { weakLinkBenchmark } from './bench/weak-link';

const results = {
  signInPage: await signInPageWeight(),
  resultsPage: await resultsPageWeight(),
  resultsLayoutShift: await resultsLayoutShift(),
  pages: await pageBenchmarks(),
  survey: await surveyBenchmarks(),
  sync: await syncBenchmarks(),
  weakLink: await weakLinkBenchmark(),
  scores: await scoresBenchmarks(),
  deliberation: await deliberationBenchmarks(),
  cases: await casesBenchmarks(),
  load: await loadBenchmarks(),
  online: await onlineBenchmarks(),
  office: await officeBenchmarks(),
};
console.log(JSON.stringify(results, null, 2));
