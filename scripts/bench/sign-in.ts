import { kilobytes, pageWeight } from './page-weight';

const signInTargetKb = 150;

/** What the sign-in page downloads of JavaScript and CSS, gzipped as a server would send it. */
export async function signInPageWeight() {
  const { jsGzipBytes, cssGzipBytes, totalGzipBytes, sources, files } = await pageWeight('/login', '登录');
  return {
    jsGzipBytes,
    cssGzipBytes,
    totalGzipKb: kilobytes(totalGzipBytes),
    targetKb: signInTargetKb,
    withinTarget: totalGzipBytes < signInTargetKb * 1024,
    loadsChartJs: sources.some((source) => source.includes('node_modules/chart.js/')),
    loadsRolePages: sources.some((source) => source.includes('src/app/pages/home/')),
    files,
  };
}
