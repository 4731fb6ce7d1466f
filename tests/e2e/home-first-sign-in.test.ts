import { describe, expect, it } from 'vitest';
import { layoutShift } from '../../scripts/harness/page';
import { signInAsWorker } from '../../scripts/harness/survey-browser';
import { useChromiumAndServer } from '../helpers/e2e/setup';

const e2e = useChromiumAndServer();

describe('the worker’s home on a first sign-in with a slow phone', () => {
  it('draws its cards once, filled, and the header does not grow when the account menu arrives', async () => {
    const server = await e2e.startServer();
    const context = await e2e.newContext();
    const page = await context.newPage();
    // A slow phone (or a loaded machine) is where the first sync and the lazily loaded menu
    // arrive after the page has drawn: six times slower makes that order the usual one.
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 6 });
    await signInAsWorker(page, server.url);
    await page.locator('.account-menu summary').waitFor();
    await page.locator('.community progress').first().waitFor();
    await page.getByText('所有记录均已同步').waitFor();
    expect(await layoutShift(page)).toBeLessThan(0.05);
  });
});
