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
