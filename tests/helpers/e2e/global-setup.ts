import type { TestProject } from 'vitest/node';
import { launchChromiumServer } from '../../../scripts/harness/browser';
import { seedDemoFile } from '../../../scripts/harness/demo-database';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The `e2e` project's one Chromium, for `connectChromium`. */
    chromiumEndpoint?: string;
    /** A SQLite file with the demo data and the published round 2025-H2, copied by each server that wants it. */
    publishedDemoSqliteFile?: string;
  }
}

/**
 * Once for the `e2e` project: one Chromium that every file connects to (each test still gets fresh
 * browser contexts), and the published demo round seeded once rather than for each test that needs it.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const [chromium, published] = await Promise.all([launchChromiumServer(), seedDemoFile({ publishedRound: true })]);
  project.provide('chromiumEndpoint', chromium.wsEndpoint);
  project.provide('publishedDemoSqliteFile', published.file);
  return async () => {
    await chromium.close();
    published.remove();
  };
}
