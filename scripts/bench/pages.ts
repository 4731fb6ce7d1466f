import type { Page } from 'playwright-core';
import { launchChromium } from '../harness/browser';
import { measureLayoutShift, settledLayoutShift } from '../harness/page';
import { startLiveServer } from '../harness/live-server';
import { signInAsWorker } from '../harness/survey-browser';

const clsTarget = 0.05;

/** Bytes the page itself received over the network (compressed as sent), by resource type. */
async function countWireBytes(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  const types = new Map<string, string>();
  const bytes = new Map<string, number>();
  cdp.on('Network.responseReceived', (event) => types.set(event.requestId, event.type));
  cdp.on('Network.loadingFinished', (event) => {
    const type = types.get(event.requestId) ?? 'Other';
    bytes.set(type, (bytes.get(type) ?? 0) + event.encodedDataLength);
  });
  return {
    /** The bytes since the last call, and resets the count. */
    take() {
      const byType = Object.fromEntries(bytes);
      const total = [...bytes.values()].reduce((sum, n) => sum + n, 0);
      bytes.clear();
      return { totalKb: Math.round((total / 1024) * 10) / 10, byTypeBytes: byType };
    },
  };
}

/**
 * On a 390×844 phone, from a cold start (no service worker, no cache): the sign-in page, then
 * signing in to the worker's home: bytes on the wire as the server sends them, and the cumulative
 * layout shift of each.
 */
export async function pageBenchmarks() {
  const server = await startLiveServer();
  const browser = await launchChromium();
  try {
    const context = await browser.newContext();
    await context.addInitScript(measureLayoutShift);
    const page = await context.newPage();
    const wire = await countWireBytes(page);
    await page.goto(`${server.url}/login`);
    await page.getByRole('heading', { name: '登录' }).waitFor();
    const signInCls = await settledLayoutShift(page);
    const signIn = { ...wire.take(), cls: signInCls };

    await signInAsWorker(page, server.url);
    const homeCls = await settledLayoutShift(page);
    const workerHome = { ...wire.take(), cls: homeCls };
    await context.close();
    return { viewport: '390x844', clsTarget, signIn, workerHome, clsWithinTarget: signInCls < clsTarget && homeCls < clsTarget };
  } finally {
    await browser.close();
    await server.close();
  }
}
