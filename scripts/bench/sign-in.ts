import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { launchChromium } from '../harness/browser';
import { distDir, startLiveServer } from '../harness/live-server';

const signInTargetKb = 150;

interface LoadedFile {
  path: string;
  type: 'script' | 'stylesheet';
  bytes: number;
  gzipBytes: number;
}

/** The source files bundled into a built file, from its source map. */
function bundledSources(path: string): string[] {
  const mapPath = join(distDir, `${path}.map`);
  return existsSync(mapPath) ? (JSON.parse(readFileSync(mapPath, 'utf8')) as { sources: string[] }).sources : [];
}

/** What the sign-in page downloads of JavaScript and CSS, gzipped as a server would send it. */
export async function signInPageWeight() {
  const server = await startLiveServer();
  const browser = await launchChromium();
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    const pending: Array<Promise<LoadedFile | undefined>> = [];
    page.on('response', (response) => {
      const type = response.request().resourceType();
      if (type !== 'script' && type !== 'stylesheet') return;
      pending.push(
        response.body().then((body) => ({
          path: new URL(response.url()).pathname,
          type,
          bytes: body.length,
          gzipBytes: gzipSync(body).length,
        })),
      );
    });
    await page.goto(`${server.url}/login`);
    await page.getByRole('heading', { name: '登录' }).waitFor();
    await page.waitForLoadState('networkidle');
    const files = (await Promise.all(pending)).filter((f): f is LoadedFile => f !== undefined);
    await context.close();
    const sum = (type: LoadedFile['type']) => files.filter((f) => f.type === type).reduce((n, f) => n + f.gzipBytes, 0);
    const totalGzipBytes = sum('script') + sum('stylesheet');
    const sources = files.flatMap((f) => bundledSources(f.path));
    if (sources.length === 0) throw new Error('no source maps found in dist/: cannot tell what the sign-in page bundles');
    return {
      jsGzipBytes: sum('script'),
      cssGzipBytes: sum('stylesheet'),
      totalGzipKb: Math.round((totalGzipBytes / 1024) * 10) / 10,
      targetKb: signInTargetKb,
      withinTarget: totalGzipBytes < signInTargetKb * 1024,
      loadsChartJs: sources.some((source) => source.includes('node_modules/chart.js/')),
      loadsRolePages: sources.some((source) => source.includes('src/app/pages/home/')),
      files,
    };
  } finally {
    await browser.close();
    await server.close();
  }
}
