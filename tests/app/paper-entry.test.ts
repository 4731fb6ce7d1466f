import type { VueWrapper } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appDatabase } from '../../src/app/db/database';
import { saveSession } from '../../src/app/db/session';
import { validateRecord } from '../../src/shared/records';
import { eventually, mountApp } from '../helpers/app/mount';
import { workerLogin } from '../helpers/app/network';
import { referenceData, seedReference } from '../helpers/app/survey-seed';

const supervisorLogin = { ...workerLogin, token: 'token-of-the-supervisor', user: { ...workerLogin.user, role: 'supervisor' as const, scope: { level: 'district' as const, ids: ['gulou'] } } };
let wrapper: VueWrapper;

beforeEach(async () => {
  await saveSession(supervisorLogin);
  await seedReference(referenceData().map((entry) => (entry.kind === 'round' ? { ...entry, data: { ...entry.data, questionnaires: ['resident-elderly@1'] } } : entry)));
});
afterEach(() => wrapper?.unmount());

function finishButton() {
  return wrapper.get('[data-paper-form]').findAll('button').find((button) => button.text() === '完成，核对答案')!;
}

describe('paper questionnaires', { timeout: 30_000 }, () => {
  it('does not target a round that has closed: it says there is no open round and offers no form', async () => {
    await seedReference(referenceData().map((entry) => (entry.kind === 'round' ? { ...entry, data: { ...entry.data, state: 'closed', questionnaires: ['resident-elderly@1'] } } : entry)));
    ({ wrapper } = await mountApp('/office/paper'));
    await eventually(() => expect(wrapper.text()).toContain('本机还没有进行中的测评轮次，请先同步。'));
    expect(wrapper.text()).not.toContain('2026年上半年');
    expect(wrapper.find('form.choose button[type="submit"]:not([disabled])').exists()).toBe(false);
  });

  it('types in one paper questionnaire per screen with native fields, saves it as a paper response waiting to sync, and starts the next one', async () => {
    ({ wrapper } = await mountApp('/office/paper'));
    await eventually(() => expect(wrapper.find('#paper-audience option[value="elderly"]').exists()).toBe(true));
    expect(wrapper.get('#paper-audience option[value="elderly"]').text()).toBe('老年居民满意度问卷（第 1 版）');
    await wrapper.get('#paper-community').setValue('yijiangmen-c01');
    await wrapper.get('#paper-audience').setValue('elderly');
    await wrapper.get('form.choose').trigger('submit');

    const form = wrapper.get('[data-paper-form]');
    // One screen: every question shown at once (18 before skip logic opens more), each with native inputs only.
    await eventually(() => expect(form.findAll('[data-item]')).toHaveLength(18));
    expect(form.findAll('[data-item]').every((item) => item.find('input, textarea').exists())).toBe(true);
    expect(form.findAll('[role="button"]')).toHaveLength(0);
    await eventually(() => expect(document.activeElement?.closest('[data-item]')?.getAttribute('data-item')).toBe('sat_pb_org_service'));

    // An incomplete form is not saved.
    await finishButton().trigger('click');
    await eventually(() => expect(form.get('[data-item="sat_pb_org_service"]').text()).toContain('这道题必须回答。'));
    expect(await appDatabase().records.count()).toBe(0);

    for (const item of form.findAll('[data-item]')) {
      const choice = item.find('input[value="fair"]').exists() ? item.find('input[value="fair"]') : item.find('input[value="no"]');
      if (choice.exists()) await choice.setValue(true);
    }
    await finishButton().trigger('click');
    await eventually(() => expect(wrapper.get('.status').text()).toContain('已保存（第 1 份），等待同步。'));

    const [record] = await appDatabase().records.where('kind').equals('response').toArray();
    expect(validateRecord(record!)).toBeUndefined();
    expect(record).toMatchObject({ syncState: 'pending', origin: 'local' });
    expect(record!.data).toMatchObject({ channel: 'paper', questionnaireId: 'resident-elderly', questionnaireVersion: 1, communityId: 'yijiangmen-c01', roundId: '2026-H1', authorId: supervisorLogin.user.id });
    expect(record!.data.answers).toMatchObject({ sat_pb_org_service: 'fair', grid_visited: false });

    // The next paper form starts empty, with the focus on its first question.
    await eventually(() => expect((wrapper.get('[data-paper-form] [data-item="sat_pb_org_service"] input[value="fair"]').element as HTMLInputElement).checked).toBe(false));
    await eventually(() => expect(document.activeElement?.closest('[data-item]')?.getAttribute('data-item')).toBe('sat_pb_org_service'));
  });
});
