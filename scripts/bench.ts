// Benchmarks, printed as one JSON document. Run with `npm run bench` (it builds the app first).
import { signInPageWeight } from './bench/sign-in';

const results = { signInPage: await signInPageWeight() };
console.log(JSON.stringify(results, null, 2));
