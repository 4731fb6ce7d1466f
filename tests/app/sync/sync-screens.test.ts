import { flushPromises } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { applyPushResults } from '../../../src/app/db/outbox';
import { saveFinalised } from '../../../src/app/db/records';
import { saveSession } from '../../../src/app/db/session';
import { visitRecord } from '../../helpers/records';
import { mountApp, workerLogin } from '../../helpers/app';

afterEach(() => vi.unstubAllGlobals());

const author = { id: workerLogin.user.id, communityId: 'yijiangmen-c01' };
const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();

describe('sync status in the app', () => {
  it('says how many records wait and warns when one has waited more than a day', async () => {
    await saveSession(workerLogin);
    await saveFinalised([visitRecord(author, { finalisedAt: daysAgo(3) }), visitRecord(author, { finalisedAt: daysAgo(0) })]);
    const { wrapper } = await mountApp('/');
    await vi.waitFor(async () => {
      await flushPromises();
      expect(wrapper.get('.sync-status').text()).toBe('2 条记录等待同步');
    });
    expect(wrapper.get('.stale').text()).toContain('有记录超过一天未同步');
    wrapper.unmount();
  });

  it('does not warn about records that are younger than a day', async () => {
    await saveSession(workerLogin);
    await saveFinalised([visitRecord(author, { finalisedAt: daysAgo(0.5) })]);
    const { wrapper } = await mountApp('/');
    await vi.waitFor(async () => {
      await flushPromises();
      expect(wrapper.get('.sync-status').text()).toBe('1 条记录等待同步');
    });
    expect(wrapper.find('.stale').exists()).toBe(false);
    wrapper.unmount();
  });

  it('lists refused records with the server’s message on the sync screen, in English too', async () => {
    await saveSession(workerLogin);
    const refused = visitRecord(author);
    await saveFinalised([refused]);
    await applyPushResults([{ id: refused.id, status: 'rejected', error: 'data.communityId: xiaguan-c01 is outside your communities' }], new Date().toISOString());
    const { wrapper } = await mountApp('/sync', 'en');
    await vi.waitFor(async () => {
      await flushPromises();
      expect(wrapper.get('section[aria-label="Records that need attention"]').text()).toContain('Refused · Visits');
    }, { timeout: 10_000 });
    expect(wrapper.text()).toContain('data.communityId: xiaguan-c01 is outside your communities');
    expect(wrapper.text()).toContain('Everything is synced');
    wrapper.unmount();
  });
});
