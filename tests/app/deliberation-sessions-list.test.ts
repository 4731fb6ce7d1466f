import { afterEach, describe, expect, it } from 'vitest';
import { applyPushResults } from '../../src/app/db/outbox';
import { saveFinalised } from '../../src/app/db/records';
import { deliberationTopics } from '../../src/shared/deliberation/vocabulary';
import { signedSession } from '../../scripts/harness/deliberation';
import { appDatabase } from '../../src/app/db/database';
import { saveSession } from '../../src/app/db/session';
import { adviserLogin } from '../helpers/app/deliberation-seed';
import { eventually, mountApp } from '../helpers/app/mount';

let unmount: (() => void) | undefined;
afterEach(() => unmount?.());

const adviser = { id: 'adviser-1', communityId: 'c-1', deviceId: 'device-1' };

describe("the adviser's session list", { timeout: 30_000 }, () => {
  it('shows a screenful of sessions, newest first, counts all the device holds, and offers the rest', async () => {
    const sessions = Array.from({ length: 25 }, (_, n) => {
      const at = new Date(Date.parse('2026-01-05T02:00:00.000Z') + n * 86_400_000).toISOString();
      return signedSession(adviser, { at, attendees: 0, content: { heldOn: at.slice(0, 10), title: `议事 ${n + 1}`, topic: deliberationTopics[n % deliberationTopics.length]! } });
    });
    await saveFinalised(sessions.flatMap(({ session, signatures }) => [session, ...signatures]));
    await saveSession(adviserLogin);
    const { wrapper } = await mountApp('/deliberation');
    unmount = () => wrapper.unmount();
    // The first page drawn pays for compiling the lazy chunks, seconds on a loaded machine.
    await eventually(() => expect(wrapper.findAll('li.session')).toHaveLength(20), { timeout: 15_000 });
    expect(wrapper.get('li.session').text()).toContain('议事 25');
    expect(wrapper.text()).toContain('共 25 条');
    const more = await eventually(() => {
      const button = wrapper.findAll('button.more').find((candidate) => candidate.text() === '显示更多（还有 5 条）');
      expect(button).toBeDefined();
      return button!;
    });
    await more.trigger('click');
    expect(wrapper.findAll('li.session')).toHaveLength(25);
    expect(wrapper.findAll('li.session').at(-1)!.text()).toContain('议事 1');
  });

  it('turns a session from 等待同步 to 已同步 as soon as a sync sends it, without leaving the list', async () => {
    const at = '2026-01-05T02:00:00.000Z';
    const { session, signatures } = signedSession(adviser, { at, attendees: 0, content: { heldOn: '2026-01-05', title: '议事 同步', topic: deliberationTopics[0] } });
    await saveFinalised([session, ...signatures]);
    await saveSession(adviserLogin);
    const { wrapper } = await mountApp('/deliberation');
    unmount = () => wrapper.unmount();
    const state = () => wrapper.get('li.session .sync-state').text();
    await eventually(() => expect(state()).toBe('等待同步'), { timeout: 15_000 });
    await applyPushResults([{ id: session.id, status: 'accepted' }], '2026-01-05T03:00:00.000Z');
    await eventually(() => expect(state()).toBe('已同步'));
  });

  it('starts a new session from the home in one tap: the button opens a draft in the adviser’s one community, and back leads to the list', async () => {
    await saveSession(adviserLogin);
    const { wrapper, router } = await mountApp('/');
    unmount = () => wrapper.unmount();
    const start = await eventually(() => wrapper.get('section[aria-label="援法议事记录"] a.main-action'), { timeout: 15_000 });
    expect(start.text()).toBe('新建援法议事记录');
    expect(start.attributes('href')).toBe('/deliberation?new=1');
    await start.trigger('click');
    await eventually(() => expect(router.currentRoute.value.name).toBe('deliberation-draft'), { timeout: 15_000 });
    const draftId = router.currentRoute.value.params.draftId as string;
    // The way back says where it leads.
    await eventually(() => expect(wrapper.findAll('a').find((link) => link.attributes('href') === '/deliberation')?.text()).toBe('返回援法议事记录'));
    expect((await appDatabase().drafts.get(draftId))?.context).toMatchObject({ communityId: 'c-1' });
    router.back();
    await eventually(() => expect(router.currentRoute.value.fullPath).toBe('/deliberation'));
    await eventually(() => expect(wrapper.findAll('li.draft')).toHaveLength(1));
  });
});
