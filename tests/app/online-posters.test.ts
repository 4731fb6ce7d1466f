import { flushPromises } from '@vue/test-utils';
import { create } from 'qrcode';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { saveSession } from '../../src/app/db/session';
import type { OnlineLinks } from '../../src/shared/online';
import { eventually, mountApp } from '../helpers/app/mount';
import { workerLogin } from '../helpers/app/network';
import { roundSummary, stubApi } from '../helpers/app/scores';
import { referenceData, seedReference } from '../helpers/app/survey-seed';
import { defaultQuestionnaires } from '../../src/server/demo/templates';
import { longestMinutes } from '../../src/shared/questionnaire/length';

const supervisorLogin = { ...workerLogin, token: 'token-of-the-supervisor', user: { ...workerLogin.user, role: 'supervisor' as const, scope: { level: 'district' as const, ids: ['gulou'] } } };

const links: OnlineLinks = {
  roundId: '2026-H1',
  communities: [
    { id: 'yijiangmen-c01', nameZh: '挹江门示例第01社区', nameEn: 'Yijiangmen 1', subdistrictId: 'yijiangmen', subdistrictNameZh: '挹江门街道', path: '/q/2026-H1/yijiangmen-c01' },
    { id: 'yijiangmen-c02', nameZh: '挹江门示例第02社区', nameEn: 'Yijiangmen 2', subdistrictId: 'yijiangmen', subdistrictNameZh: '挹江门街道', path: '/q/2026-H1/yijiangmen-c02' },
  ],
};

/** The dark modules a QR code of `text` has, as the page draws them (one path segment each). */
function darkModules(text: string): number {
  const { modules } = create(text, { errorCorrectionLevel: 'M' });
  let dark = 0;
  for (let row = 0; row < modules.size; row++) for (let column = 0; column < modules.size; column++) if (modules.get(row, column)) dark++;
  return dark;
}

beforeEach(async () => {
  await saveSession(supervisorLogin);
});
afterEach(() => {
  vi.unstubAllGlobals();
});

describe('QR posters of the online questionnaire', () => {
  it('shows one poster per community of the open round, with its name, link and a QR code of that link, and prints them', async () => {
    const fetchMock = stubApi({ '/api/rounds': { rounds: [roundSummary('2025-H2', 'published'), roundSummary('2026-H1', 'open')] }, '/api/rounds/2026-H1/online-links': links });
    // happy-dom has no print dialog: the page's call to it is what is observed.
    const print = vi.fn();
    vi.stubGlobal('print', print);
    const { wrapper } = await mountApp('/office/online-posters');
    await eventually(() => expect(wrapper.findAll('li.poster')).toHaveLength(2));
    expect(wrapper.get('h1').text()).toBe('网上评价二维码');
    expect(wrapper.text()).toContain('2026年上半年正在进行');

    const poster = wrapper.get('li[data-community="yijiangmen-c01"]');
    const link = `${location.origin}/q/2026-H1/yijiangmen-c01`;
    expect(poster.get('h2').text()).toBe('挹江门示例第01社区');
    expect(poster.text()).toContain(`或在浏览器打开：${link}`);
    const qr = poster.get('svg.online-qr-code');
    expect(qr.attributes('aria-label')).toBe('挹江门示例第01社区的网上评价二维码');
    expect(qr.get('path').attributes('d')!.match(/M/g)).toHaveLength(darkModules(link));
    const authorised = (fetchMock.mock.calls as unknown as Array<[string, RequestInit]>).find(([url]) => String(url).endsWith('/online-links'))!;
    expect(new Headers(authorised[1].headers).get('authorization')).toBe('Bearer token-of-the-supervisor');

    await wrapper.get('input[type="search"]').setValue('02');
    expect(wrapper.findAll('li.poster').map((li) => li.attributes('data-community'))).toEqual(['yijiangmen-c02']);
    await wrapper.get('.tools button.primary').trigger('click');
    expect(print).toHaveBeenCalledOnce();
    wrapper.unmount();
  });

  it('promises the time the round’s longest questionnaire takes, and no time without questionnaires on the device', async () => {
    stubApi({ '/api/rounds': { rounds: [roundSummary('2026-H1', 'open')] }, '/api/rounds/2026-H1/online-links': links });
    const untimed = (await mountApp('/office/online-posters')).wrapper;
    await eventually(() => expect(untimed.findAll('li.poster')).toHaveLength(2));
    expect(untimed.get('.poster-note').text()).toBe('请用手机扫描二维码，不记录个人信息。');
    untimed.unmount();

    await seedReference(referenceData().filter((entry) => entry.kind === 'questionnaire'));
    const minutes = longestMinutes(defaultQuestionnaires, 'yijiangmen', 'selfAnswered');
    const timed = (await mountApp('/office/online-posters')).wrapper;
    await eventually(() => expect(timed.get('.poster-note').text()).toBe(`请用手机扫描二维码，约 ${minutes} 分钟，不记录个人信息。`));
    timed.unmount();
  });

  it('says so when no round is open', async () => {
    stubApi({ '/api/rounds': { rounds: [roundSummary('2025-H2', 'published')] } });
    const { wrapper } = await mountApp('/office/online-posters');
    await eventually(async () => {
      await flushPromises();
      expect(wrapper.text()).toContain('没有进行中的测评轮次，暂无二维码。');
    });
    expect(wrapper.find('li.poster').exists()).toBe(false);
    wrapper.unmount();
  });
});
