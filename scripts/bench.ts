// Benchmarks, printed as one JSON document. Run with `npm run bench` (it builds the app first).
import { loadBenchmarks } from './bench/load';
import { officeBenchmarks } from './bench/office';
import { pageBenchmarks } from './bench/pages';
import { resultsPageWeight } from './bench/results-page';
import { scoresBenchmarks } from './bench/scores';
import { signInPageWeight } from './bench/sign-in';
import { surveyBenchmarks } from './bench/survey';
import { syncBenchmarks } from './bench/sync';

const results = {
  signInPage: await signInPageWeight(),
  resultsPage: await resultsPageWeight(),
  pages: await pageBenchmarks(),
  survey: await surveyBenchmarks(),
  sync: await syncBenchmarks(),
  scores: await scoresBenchmarks(),
  load: await loadBenchmarks(),
  office: await officeBenchmarks(),
};
console.log(JSON.stringify(results, null, 2));
