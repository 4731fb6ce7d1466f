import type { VueWrapper } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { saveSession } from '../../src/app/db/session';
import type { QuestionnaireDefinition } from '../../src/shared/questionnaire/definition';
import type { QuestionnaireVersionSummary } from '../../src/shared/questionnaire/versions';
import { defaultQuestionnaires } from '../../src/server/demo/templates';
import { eventually, mountApp } from '../helpers/app/mount';
import { workerLogin } from '../helpers/app/network';
import { roundSummary, stubApi } from '../helpers/app/scores';

const adminLogin = { ...workerLogin, token: 'token-of-the-admin', user: { ...workerLogin.user, role: 'admin' as const, scope: { level: 'district' as const, ids: ['gulou'] } } };
const elderly = defaultQuestionnaires.find((q) => q.id === 'resident-elderly')!;

function summary(definition: QuestionnaireDefinition, state: 'draft' | 'published'): QuestionnaireVersionSummary {
  return { questionnaireId: definition.id, version: definition.version, state, audience: definition.audience, title: definition.title, items: definition.items.length, createdAt: '2026-01-01T00:00:00.000Z', createdBy: null, publishedAt: state === 'published' ? '2026-01-01T00:00:00.000Z' : null, rounds: state === 'published' ? ['2026-H1'] : [] };
}

let wrapper: VueWrapper;

beforeEach(() => saveSession(adminLogin));
afterEach(() => {
  wrapper?.unmount();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

/** Whether closing or reloading the tab now would make the browser ask first. */
function tabCloseIsQuestioned(): boolean {
  const event = new Event('beforeunload', { cancelable: true });
  window.dispatchEvent(event);
  return event.defaultPrevented;
}

describe('an editor with unsaved changes asks before they are lost', { timeout: 90_000 }, () => {
  it('the questionnaire editor: 返回问卷列表 and closing the tab ask; declining stays, a saved editor leaves without asking', async () => {
    stubApi({
      '/api/questionnaires': { versions: defaultQuestionnaires.map((definition) => summary(definition, 'published')) },
      '/api/rounds': { rounds: [roundSummary('2026-H1', 'open')] },
      '/api/questionnaires/resident-elderly/versions/1': { summary: summary(elderly, 'published'), definition: elderly },
      '/api/questionnaires/resident-elderly/versions': { version: summary({ ...elderly, version: 2 }, 'draft') },
    });
    const mounted = await mountApp('/office/questionnaires');
    wrapper = mounted.wrapper;
    const router = mounted.router;
    await eventually(() => expect(wrapper.find('[data-version="resident-elderly@1"] button').exists()).toBe(true), { timeout: 25_000 });
    await wrapper.get('[data-version="resident-elderly@1"]').findAll('button').find((button) => button.text() === '编辑为新版本')!.trigger('click');
    await eventually(() => expect(wrapper.find('.editor-page h1').exists()).toBe(true), { timeout: 25_000 });
    expect(tabCloseIsQuestioned()).toBe(false);

    const titleZh = wrapper.get('.settings').findAll('label').find((label) => label.text().startsWith('标题'))!.get('input');
    await titleZh.setValue('老年居民满意度问卷（修订）');
    await eventually(() => expect(wrapper.text()).toContain('有未保存的修改'));
    expect(tabCloseIsQuestioned()).toBe(true);

    const confirm = vi.fn(() => false);
    vi.stubGlobal('confirm', confirm);
    await wrapper.findAll('a').find((link) => link.text() === '返回问卷列表')!.trigger('click');
    await eventually(() => expect(confirm).toHaveBeenCalledWith('有未保存的修改，离开后会丢失。确定离开吗？'));
    expect(router.currentRoute.value.name).toBe('questionnaire-editor');
    expect(wrapper.find('.editor-page').exists()).toBe(true);

    // Saved: nothing to lose, nothing asked.
    await wrapper.findAll('button').find((button) => button.text() === '保存草稿')!.trigger('click');
    await eventually(() => expect(wrapper.text()).not.toContain('有未保存的修改'));
    expect(tabCloseIsQuestioned()).toBe(false);
    confirm.mockClear();
    await wrapper.findAll('a').find((link) => link.text() === '返回问卷列表')!.trigger('click');
    await eventually(() => expect(router.currentRoute.value.name).toBe('questionnaires'));
    expect(confirm).not.toHaveBeenCalled();
  });
});
