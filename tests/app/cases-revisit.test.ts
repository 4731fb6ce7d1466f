import { flushPromises, type VueWrapper } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appDatabase } from '../../src/app/db/database';
import { saveSession } from '../../src/app/db/session';
import type { RevisitTask } from '../../src/shared/cases/api';
import { validateRecord, type FinalisedRecord } from '../../src/shared/records';
import { eventually, mountApp } from '../helpers/app/mount';
import { seedReference, surveyWorkerLogin } from '../helpers/app/survey-seed';

let wrapper: VueWrapper | undefined;
const caseId = '0190f0a0-0000-7000-8000-00000000c001';
const task: RevisitTask = {
  id: `${caseId}.yijiangmen-c01`,
  caseId,
  communityId: 'yijiangmen-c01',
  roundId: '2026-H1',
  title: '楼道垃圾堆放',
  category: 'environment_cleanup',
  complaints: ['楼道里堆满了杂物'],
  report: '已清理并增设垃圾桶',
  reportedFixedAt: '2026-05-20T02:00:00.000Z',
};

beforeEach(async () => {
  await saveSession(surveyWorkerLogin);
  await seedReference();
  await appDatabase().reference.put({ kind: 'revisit_task', id: task.id, data: { ...task } });
});
afterEach(() => {
  wrapper?.unmount();
  wrapper = undefined;
});

async function until(check: () => void): Promise<void> {
  await eventually(async () => {
    await flushPromises();
    check();
  }, { timeout: 10_000, interval: 20 });
}

describe('re-visit at the door after a case is reported fixed', () => {
  it('lists the pulled task on the worker’s home with its community', async () => {
    wrapper = (await mountApp('/')).wrapper;
    await until(() => expect(wrapper!.find('.case-revisits').text()).toContain('楼道垃圾堆放'));
    expect(wrapper.find('.case-revisits').text()).toMatch(/社区 · 楼道垃圾堆放/);
  });

  it('records the residents’ answer offline as a revisit record in the outbox; nothing is chosen for the worker', async () => {
    wrapper = (await mountApp(`/survey/revisits/${encodeURIComponent(task.id)}`)).wrapper;
    await until(() => expect(wrapper!.find('form.revisit-form').exists()).toBe(true));
    expect(wrapper.text()).toContain('已清理并增设垃圾桶');
    // Which door: none, by the consent's promise, and the page says so and whom to ask instead.
    expect(wrapper.get('.whom').text()).toMatch(/^不指定门牌：回答和门牌分开保存.*请就近问几位本社区居民/);
    expect(wrapper.findAll('input[type="radio"]').map((radio) => (radio.element as HTMLInputElement).checked)).toEqual([false, false, false]);

    await wrapper.find('form.revisit-form').trigger('submit');
    await until(() => expect(wrapper!.find('.problem').text()).toBe('请选择居民的回答'));
    expect(await appDatabase().records.count()).toBe(0);

    await wrapper.findAll('input[type="radio"]')[2]!.setValue(true);
    await wrapper.find('input[type="number"]').setValue(3);
    await wrapper.find('textarea').setValue('还是有人堆放');
    await wrapper.find('form.revisit-form').trigger('submit');
    await until(() => expect(wrapper!.text()).toContain('回访已保存'));

    const [stored] = await appDatabase().records.toArray();
    expect(stored).toMatchObject({ kind: 'revisit', syncState: 'pending', data: { caseId, communityId: 'yijiangmen-c01', outcome: 'not_improved', residentsAsked: 3, comment: '还是有人堆放', authorId: surveyWorkerLogin.user.id } });
    expect(validateRecord(stored as FinalisedRecord)).toBeUndefined();
  });

  it('no longer offers a task answered since the case was reported fixed', async () => {
    wrapper = (await mountApp(`/survey/revisits/${encodeURIComponent(task.id)}`)).wrapper;
    await until(() => expect(wrapper!.find('form.revisit-form').exists()).toBe(true));
    await wrapper.findAll('input[type="radio"]')[0]!.setValue(true);
    await wrapper.find('input[type="number"]').setValue(1);
    await wrapper.find('form.revisit-form').trigger('submit');
    await until(() => expect(wrapper!.text()).toContain('回访已保存'));
    wrapper.unmount();
    wrapper = (await mountApp('/')).wrapper;
    await until(() => expect(wrapper!.text()).toContain('暂无回访任务'));
  });
});
