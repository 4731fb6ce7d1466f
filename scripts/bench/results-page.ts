import { launchChromium } from '../harness/browser';
import { startLiveServer } from '../harness/live-server';
import { measureLayoutShift, settledLayoutShift, throttleLikeLighthouseMobile } from '../harness/page';
import { kilobytes, pageWeight } from './page-weight';

/** Issue 7: the public results page, on a phone, under 80 KB of JavaScript and CSS gzipped. */
const resultsTargetKb = 80;

/** What the public results page downloads, and whether any of the field app's code comes with it. */
export async function resultsPageWeight() {
  const { jsGzipBytes, cssGzipBytes, totalGzipBytes, sources, files } = await pageWeight('/results', '各街道得分与排名');
  return {
    jsGzipBytes,
    cssGzipBytes,
    totalGzipKb: kilobytes(totalGzipBytes),
    targetKb: resultsTargetKb,
    withinTarget: totalGzipBytes < resultsTargetKb * 1024,
    loadsChartJs: sources.some((source) => source.includes('node_modules/chart.js/')),
    // db/preferences.ts (the saved language, localStorage only, no imports) is shared with the public page on purpose.
    loadsFieldApp: sources.some((source) => /src\/app\/(?:db\/(?!preferences\.ts)|sync|pages\/survey|pages\/home|main\.ts)|node_modules\/dexie\//.test(source)),
    files,
  };
}

/** Issue 25 item 18: the public page must not jump as its figures arrive. */
const clsTarget = 0.05;

/**
 * The cumulative layout shift of /results (every shift not caused by input, summed: never less than
 * Lighthouse's largest session window) on a 390×844 phone under Lighthouse's mobile throttling,
 * from a cold start until the ranking of the published demo round has been drawn and the page is idle.
 */
export async function resultsLayoutShift() {
  const server = await startLiveServer({ publishedRound: true });
  const browser = await launchChromium();
  try {
    const context = await browser.newContext();
    await context.addInitScript(measureLayoutShift);
    const page = await context.newPage();
    await throttleLikeLighthouseMobile(page);
    await page.goto(`${server.url}/results`);
    await page.locator('ol.ranking li').first().waitFor();
    const cls = await settledLayoutShift(page);
    await context.close();
    return { viewport: '390x844', throttling: 'cpu 4x, 150 ms, 1.6 Mbit/s', cls, clsTarget, withinTarget: cls < clsTarget };
  } finally {
    await browser.close();
    await server.close();
  }
}
