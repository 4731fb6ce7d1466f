import type { TestProject } from 'vitest/node';
import { seedDemoFile } from '../../../scripts/harness/demo-database';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A SQLite file with the demo data (no published round), copied by each test that wants the demo. */
    demoSqliteFile?: string;
  }
}

/**
 * Seeds the demo data once for the `server` project instead of once a test: every test still gets
 * a database of its own, a copy of this one (a seed costs a scrypt hash and ~1,000 rows).
 */
export default async function setup(project: TestProject): Promise<() => void> {
  const demo = await seedDemoFile();
  project.provide('demoSqliteFile', demo.file);
  return demo.remove;
}
