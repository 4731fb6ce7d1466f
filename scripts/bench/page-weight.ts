import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { launchChromium } from '../harness/browser';
import { distDir, startLiveServer } from '../harness/live-server';

export interface LoadedFile {
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

/**
 * What a page downloads of JavaScript and CSS, gzipped as a server would send it, once `heading`
 * shows and the network is idle; with the source files those downloads bundle.
 */
export async function pageWeight(path: string, heading: string) {
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
    await page.goto(`${server.url}${path}`);
    await page.getByRole('heading', { name: heading }).waitFor();
    await page.waitForLoadState('networkidle');
    const files = (await Promise.all(pending)).filter((f): f is LoadedFile => f !== undefined);
    await context.close();
    const sum = (type: LoadedFile['type']) => files.filter((f) => f.type === type).reduce((n, f) => n + f.gzipBytes, 0);
    const sources = files.flatMap((f) => bundledSources(f.path));
    if (sources.length === 0) throw new Error(`no source maps found in dist/: cannot tell what ${path} bundles`);
    return { jsGzipBytes: sum('script'), cssGzipBytes: sum('stylesheet'), totalGzipBytes: sum('script') + sum('stylesheet'), sources, files };
  } finally {
    await browser.close();
    await server.close();
  }
}

export function kilobytes(bytes: number): number {
  return Math.round((bytes / 1024) * 10) / 10;
}
