import { describe, expect, it } from 'vitest';
import { submitSignIn } from '../../scripts/harness/page';
import { useChromiumAndServer } from '../helpers/e2e/setup';

const e2e = useChromiumAndServer();

describe('the score dashboard of an open round in Chromium', () => {
  for (const viewport of [{ width: 1280, height: 800 }, { width: 390, height: 844 }]) {
    it(`opens on the fieldwork against quotas, in view without scrolling, at ${viewport.width}×${viewport.height}`, async () => {
      const server = await e2e.startServer();
      const page = await (await e2e.newContext()).newPage();
      await page.setViewportSize(viewport);
      await page.goto(`${server.url}/login`);
      await submitSignIn(page, 'demo-supervisor', 'demo1234');
      await page.getByRole('link', { name: '查看得分与排名' }).click();
      const progress = page.getByRole('heading', { name: '调查进度（对照配额）' });
      await progress.waitFor();
      expect(await page.getByLabel('测评轮次').inputValue()).toBe('2026-H1');
      const box = (await progress.boundingBox())!;
      expect(box.y + box.height).toBeLessThanOrEqual(viewport.height);
    });
  }
});
