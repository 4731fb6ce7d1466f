// Benchmarks, printed as one JSON document. Run with `npm run bench` (it builds the app first).
import { resultsPageWeight } from './bench/results-page';
import { signInPageWeight } from './bench/sign-in';
import { surveyBenchmarks } from './bench/survey';
import { syncBenchmarks } from './bench/sync';

const results = {
  signInPage: await signInPageWeight(),
  resultsPage: await resultsPageWeight(),
  survey: await surveyBenchmarks(),
  sync: await syncBenchmarks(),
};
console.log(JSON.stringify(results, null, 2));
