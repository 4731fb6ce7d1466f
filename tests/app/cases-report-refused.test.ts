import type { VueWrapper } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { appDatabase } from '../../src/app/db/database';
import { saveFinalised } from '../../src/app/db/records';
import { saveSession } from '../../src/app/db/session';
import { useSyncStore } from '../../src/app/stores/sync';
import { finaliseRecord } from '../../src/shared/records';
import { eventually, mountApp } from '../helpers/app/mount';
import { answer, caseId, officer, resetServer, server } from '../helpers/app/officer-case-server';

vi.mock('compressorjs', () => import('../helpers/app/photos-fake-compressor'));

let wrapper: VueWrapper | undefined;

/** A report an older phone kept with an empty note, which the server refused as it does today. */
async function refusedReport(id: string): Promise<void> {
  const at = '2026-05-09T08:00:00.000Z';
  const data = { authorId: officer.user.id, deviceId: 'officer-phone', createdAt: at, finalisedAt: at, communityId: 'yijiangmen-c01', caseId, action: 'report_fixed' as const, note: ' ', photos: [] };
  await saveFinalised([finaliseRecord('case_report', id, data)]);
  await appDatabase().records.update(id, { syncState: 'rejected', syncCode: 'invalid', syncError: 'data.note: must say what was done' });
}

beforeEach(async () => {
  resetServer();
  vi.stubGlobal('fetch', vi.fn(answer));
  await saveSession(officer);
});
afterEach(() => {
  useSyncStore().stop();
  wrapper?.unmount();
  wrapper = undefined;
  vi.unstubAllGlobals();
});

const waiting = () => wrapper!.find('section.waiting');
const radio = (label: string) => wrapper!.findAll('input[type="radio"]').find((input) => input.element.parentElement!.textContent!.trim() === label)!;
const button = (label: string) => wrapper!.findAll('button').find((candidate) => candidate.text() === label)!;

describe('an officer’s report the server would refuse', () => {
  it('is refused on the phone, in Chinese, when its 说明 is empty and it has no photo: nothing is kept or sent', async () => {
    ({ wrapper } = await mountApp(`/office/cases/${caseId}`));
    await eventually(() => expect(wrapper!.get('.facts .state').text()).toBe('整改中'));
    // Nothing chosen: 提交 cannot be used, and says why beside it.
    const submit = wrapper.get('form.step button[type="submit"]');
    expect(submit.attributes('disabled')).toBeDefined();
    expect(wrapper.get(`#${submit.attributes('aria-describedby')}`).text()).toBe('先选择处理方式，才能提交。');
    await radio('报告已整改').setValue(true);
    expect(submit.attributes('aria-describedby')).toBeUndefined();
    expect(wrapper.find('form.step .disabled-reason').exists()).toBe(false);
    await wrapper.get('textarea').setValue('   ');
    await wrapper.get('form.step').trigger('submit');
    await eventually(() => expect(wrapper!.get('.error').text()).toBe('请写明做了什么：说明不能为空。'));
    expect(await appDatabase().records.where('kind').equals('case_report').count()).toBe(0);
    expect(server.pushed).toEqual([]);
    expect(waiting().exists()).toBe(false);
  });

  it('once refused by the server, is corrected and resent as a new report, and no longer waits or counts as a problem', async () => {
    await refusedReport('0190f0a0-0000-7000-8000-0000000000a1');
    ({ wrapper } = await mountApp(`/office/cases/${caseId}`));
    await eventually(() => expect(waiting().text()).toContain('记录内容不符合要求，服务器退回了它。'));
    expect(waiting().get('h2').text()).toBe('被退回的报告');
    useSyncStore().start();
    // The server's words stay behind 详情.
    expect(waiting().get('.status').text()).toBe('服务器未接受：记录内容不符合要求，服务器退回了它。');
    await button('修改后重新提交').trigger('click');
    expect((radio('报告已整改').element as HTMLInputElement).checked).toBe(true);
    expect(wrapper.text()).toContain('正在修改被退回的报告，提交后替换它。');
    await wrapper.get('form.step textarea').setValue('已清理楼道堆物');
    await wrapper.get('form.step').trigger('submit');
    await eventually(() => expect(server.pushed.map((record) => record.data.note)).toEqual(['已清理楼道堆物']));
    await eventually(() => expect(waiting().exists()).toBe(false));
    await eventually(() => expect(wrapper!.get('.facts .state').text()).toBe('已报整改'));
    const old = await appDatabase().records.get('0190f0a0-0000-7000-8000-0000000000a1');
    expect(old?.userDecision).toMatchObject({ decision: 'corrected', correctedRecordId: server.pushed[0]!.id });
    await useSyncStore().refresh();
    expect(useSyncStore().summary.problems).toEqual([]);
  });

  it('once refused by the server, can be discarded with a reason; it stays on the device, settled', async () => {
    const id = '0190f0a0-0000-7000-8000-0000000000b2';
    await refusedReport(id);
    ({ wrapper } = await mountApp(`/office/cases/${caseId}`));
    await eventually(() => expect(waiting().exists()).toBe(true));
    await button('放弃这条报告').trigger('click');
    expect(button('确认放弃').attributes('disabled')).toBeDefined();
    expect(wrapper.get(`#${button('确认放弃').attributes('aria-describedby')}`).text()).toBe('写下放弃的理由后才能确认。');
    await waiting().get('textarea').setValue('重复报告，已在办公室电脑上报');
    expect(waiting().find('.disabled-reason').exists()).toBe(false);
    await button('确认放弃').trigger('click');
    await eventually(() => expect(waiting().exists()).toBe(false));
    expect((await appDatabase().records.get(id))?.userDecision).toMatchObject({ decision: 'discarded', reason: '重复报告，已在办公室电脑上报' });
    await eventually(() => expect(useSyncStore().summary.problems).toEqual([]));
    expect(server.pushed).toEqual([]);
  });
});
