import { kilobytes, pageWeight } from './page-weight';

/** Issue 11: the residents' questionnaire, opened from a QR code on a phone, under 70 KB of JS+CSS gz. */
export const onlinePageTargetKb = 70;

/** What the residents' page downloads up to the choice of audience, and whether the app's or office's code comes with it. */
export async function onlinePageWeight() {
  const { jsGzipBytes, cssGzipBytes, totalGzipBytes, sources, files } = await pageWeight('/q/2026-H1/yijiangmen-c01', '请选择您的身份');
  return {
    jsGzipBytes,
    cssGzipBytes,
    totalGzipKb: kilobytes(totalGzipBytes),
    targetKb: onlinePageTargetKb,
    withinTarget: totalGzipBytes < onlinePageTargetKb * 1024,
    loadsChartJs: sources.some((source) => source.includes('node_modules/chart.js/')),
    // db/preferences.ts (the saved language), db/online.ts and its kept shape's versions (this page's own storage) are the page's.
    loadsFieldApp: sources.some((source) => /src\/app\/(?:db\/(?!preferences\.ts|online\.ts|shapes\/online-state\/|shapes\/versioned\.ts)|sync\/(?!backoff\.ts)|pages\/survey|pages\/home|main\.ts)|node_modules\/dexie\//.test(source)),
    loadsOfficePages: sources.some((source) => /src\/app\/(?:pages\/office|components\/scores|results\/)/.test(source)),
    // The page's build puts a small lookup in its place (src/app/online/i18n-lite.ts).
    loadsVueI18n: sources.some((source) => source.includes('node_modules/vue-i18n/')),
    files,
  };
}
