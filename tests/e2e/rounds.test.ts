import { describe, expect, it } from 'vitest';
import { publicRoundListSchema } from '../../src/shared/rounds/public-api';
import { submitSignIn } from '../../scripts/harness/page';
import { expectAccessible } from '../helpers/e2e/axe';
import { useChromiumAndServer } from '../helpers/e2e/setup';

const e2e = useChromiumAndServer();

describe('rounds in Chromium', () => {
  it('the supervisor closes the open round and publishes it from the rounds page; the public API then lists it', async () => {
    const server = await e2e.startServer();
    const context = await e2e.newContext();
    const page = await context.newPage();
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(`${server.url}/login`);
    await submitSignIn(page, 'demo-supervisor', 'demo1234');
    await page.getByRole('link', { name: '管理测评轮次与结果发布' }).click();
    await page.getByRole('heading', { name: '测评轮次', level: 1 }).waitFor();
    await page.getByRole('row', { name: /2026年上半年/ }).getByRole('button', { name: '查看' }).click();
    const detail = page.getByRole('region', { name: '2026年上半年' });
    await detail.getByRole('heading', { name: '2026年上半年：进行中' }).waitFor();
    await expectAccessible(page, 'the rounds page');

    await detail.getByRole('button', { name: '结束本轮调查' }).click();
    await detail.getByRole('button', { name: '确认：结束本轮调查' }).click();
    await detail.getByRole('heading', { name: '2026年上半年：已结束' }).waitFor();
    expect(await detail.getByText('没有迟到问卷。').count()).toBe(1);

    await detail.getByRole('button', { name: '公布结果' }).click();
    await detail.getByRole('button', { name: '确认：公布结果' }).click();
    await detail.getByRole('heading', { name: '2026年上半年：已公布' }).waitFor();
    expect(await page.getByRole('status').filter({ hasText: '已完成：公布结果。' }).count()).toBe(1);
    expect(await detail.getByRole('list').last().textContent()).toContain('公布结果');

    const publicRounds = publicRoundListSchema.parse(await page.evaluate(async () => (await fetch('/api/public/rounds')).json()));
    expect(publicRounds.rounds.map((round) => round.id)).toContain('2026-H1');
  });
});
