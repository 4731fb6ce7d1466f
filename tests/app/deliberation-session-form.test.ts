import type { VueWrapper } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import DeliberationSessionForm from '../../src/app/components/deliberation/DeliberationSessionForm.vue';
import { emptySessionContent, type SessionDraftContent } from '../../src/shared/deliberation/content';
import { mountWith } from '../helpers/app/mount';

type FormWrapper = VueWrapper<InstanceType<typeof DeliberationSessionForm>>;
let wrapper: FormWrapper | undefined;
afterEach(() => wrapper?.unmount());

function mountForm(initial: SessionDraftContent = emptySessionContent('2026-11-20')): FormWrapper {
  const mounted: FormWrapper = mountWith(DeliberationSessionForm, {
    props: { modelValue: initial, communityName: '鼓楼社区', hostName: '演示法律顾问', 'onUpdate:modelValue': (value: SessionDraftContent) => void mounted.setProps({ modelValue: value }) },
  });
  wrapper = mounted;
  return mounted;
}

const item = (w: FormWrapper, id: string) => w.get(`[data-item="${id}"]`);
const field = (w: FormWrapper, id: string) => item(w, id).get('input, textarea');
const shownItems = (w: FormWrapper) => w.findAll('[data-item]').map((element) => element.attributes('data-item'));
const invalidItems = (w: FormWrapper) => w.findAll('[data-item].invalid').map((element) => element.attributes('data-item'));
const toSigning = (w: FormWrapper) => w.findAll('button').find((button) => button.text() === '填写完毕，请参会人签名')!;

describe('session form, run by the form engine', () => {
  it('shows the definition’s items with date and time controls, nothing chosen and nothing red', () => {
    const w = mountForm();
    expect(shownItems(w)).toEqual(['held_on', 'starts_at', 'ends_at', 'place', 'co_hosts', 'topic', 'title', 'participants', 'issues_raised', 'legal_opinions', 'resolutions', 'follow_ups', 'photos', 'links_case']);
    expect(field(w, 'held_on').attributes('type')).toBe('date');
    expect((field(w, 'held_on').element as HTMLInputElement).value).toBe('2026-11-20');
    expect(field(w, 'starts_at').attributes('type')).toBe('time');
    expect(item(w, 'place').text()).toContain('地点 （必填）');
    expect(w.findAll('input[type="radio"]').some((radio) => (radio.element as HTMLInputElement).checked)).toBe(false);
    expect(invalidItems(w)).toEqual([]);
    expect(w.findAll('[aria-invalid="true"]')).toHaveLength(0);
    expect(w.text()).not.toContain('此项必须填写');
    // Before anything is tried, the docked bar only counts what is missing.
    expect(w.get('.remaining').text()).toBe('还有 6 项未填写，点下方按钮跳到第一项');
  });

  it('says a required item is missing once the adviser leaves it empty, not before', async () => {
    const w = mountForm();
    await field(w, 'place').trigger('focus');
    expect(invalidItems(w)).toEqual([]);
    await field(w, 'place').trigger('focusout');
    expect(invalidItems(w)).toEqual(['place']);
    expect(item(w, 'place').text()).toContain('此项必须填写。');
    // Moving inside an item (between its radios) is not leaving it.
    const radios = item(w, 'topic').findAll('input[type="radio"]');
    await radios[0]!.trigger('focusout', { relatedTarget: radios[1]!.element });
    expect(invalidItems(w)).toEqual(['place']);
    await field(w, 'place').setValue('社区议事厅');
    expect(invalidItems(w)).toEqual([]);
  });

  it('on tapping the next action with items missing, marks them all and goes to the first; once filled, moves on', async () => {
    const w = mountForm();
    await toSigning(w).trigger('click');
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(w.emitted('done')).toBeUndefined();
    expect(invalidItems(w)).toEqual(['starts_at', 'ends_at', 'place', 'topic', 'title', 'participants']);
    expect(document.activeElement?.textContent).toContain('开始时间');
    expect(item(w, 'participants').text()).toContain('此项必须填写。');

    await field(w, 'starts_at').setValue('14:00');
    await field(w, 'ends_at').setValue('15:30');
    await field(w, 'place').setValue('社区议事厅');
    await item(w, 'topic').get('input[value="ev_charging"]').setValue(true);
    await field(w, 'title').setValue('地下车库加装充电桩');
    await field(w, 'co_hosts').setValue('王明白\n李明白');
    expect(w.get('.remaining').text()).toBe('还有 1 项未填写，点下方按钮跳到第一项');
    const residents = item(w, 'participants').findAll('label').find((label) => label.text() === '居民人数')!;
    await w.get(`#${residents.attributes('for')!.replace(/:/g, '\\:')}`).setValue('15');
    expect(invalidItems(w)).toEqual([]);
    expect(w.find('.remaining').exists() && w.get('.remaining').text()).toBe('');
    await toSigning(w).trigger('click');
    expect(w.emitted('done')).toHaveLength(1);
    expect(w.props('modelValue')).toMatchObject({
      heldOn: '2026-11-20',
      startsAt: '14:00',
      endsAt: '15:30',
      place: '社区议事厅',
      topic: 'ev_charging',
      title: '地下车库加装充电桩',
      coHosts: ['王明白', '李明白'],
      participants: [{ kind: 'residents', count: 15, names: [] }],
    });
  });

  it('asks for the negative-list case number only when the session takes one up, and then requires it', async () => {
    const w = mountForm();
    expect(shownItems(w)).not.toContain('negative_list_case_id');
    await item(w, 'links_case').get('input[value="yes"]').setValue(true);
    expect(shownItems(w).at(-1)).toBe('negative_list_case_id');
    await toSigning(w).trigger('click');
    expect(invalidItems(w)).toContain('negative_list_case_id');
    await field(w, 'negative_list_case_id').setValue('NL-2026-031');
    expect(w.props('modelValue')).toMatchObject({ linksCase: true, negativeListCaseId: 'NL-2026-031' });
    await item(w, 'links_case').get('input[value="no"]').setValue(true);
    expect(shownItems(w)).not.toContain('negative_list_case_id');
  });

  it('resumes a draft saved before the case question with its case number shown', () => {
    const w = mountForm({ ...emptySessionContent('2026-11-20'), negativeListCaseId: 'NL-7' });
    expect((item(w, 'links_case').get('input[value="yes"]').element as HTMLInputElement).checked).toBe(true);
    expect((field(w, 'negative_list_case_id').element as HTMLInputElement).value).toBe('NL-7');
  });
});

describe('follow-up actions', () => {
  const complete: SessionDraftContent = {
    ...emptySessionContent('2026-11-20'),
    startsAt: '14:00',
    endsAt: '15:30',
    place: '社区议事厅',
    topic: 'ev_charging',
    title: '地下车库加装充电桩',
    participants: [{ kind: 'residents', count: 15, names: [] }],
  };
  const followUpInput = (w: FormWrapper, label: string) => {
    const found = item(w, 'follow_ups').findAll('label').find((element) => element.text() === label)!;
    return w.get(`#${found.attributes('for')!.replace(/:/g, '\\:')}`);
  };

  it('adds an action with no due date chosen, and holds the signing back until one is chosen', async () => {
    const w = mountForm(complete);
    await item(w, 'follow_ups').findAll('button').find((button) => button.text() === '添加跟进事项')!.trigger('click');
    const due = followUpInput(w, '完成期限');
    expect((due.element as HTMLInputElement).value).toBe('');
    // No deadline before the session itself.
    expect(due.attributes('min')).toBe('2026-11-20');
    await followUpInput(w, '事项 1').setValue('物业公司提交安装方案');
    // Said once the adviser tries to go on, not while typing.
    expect(invalidItems(w)).toEqual([]);
    await toSigning(w).trigger('click');
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(w.emitted('done')).toBeUndefined();
    expect(invalidItems(w)).toEqual(['follow_ups']);
    expect(item(w, 'follow_ups').text()).toContain('有一项还没填完（例如完成期限），请补全或删去。');

    await due.setValue('2026-12-15');
    expect(invalidItems(w)).toEqual([]);
    await toSigning(w).trigger('click');
    expect(w.emitted('done')).toHaveLength(1);
    expect(w.props('modelValue').followUps).toEqual([{ action: '物业公司提交安装方案', owner: '', dueOn: '2026-12-15' }]);
  });

  it('lets an added action that was left empty through: the record leaves it out', async () => {
    const w = mountForm(complete);
    await item(w, 'follow_ups').findAll('button').find((button) => button.text() === '添加跟进事项')!.trigger('click');
    await toSigning(w).trigger('click');
    expect(w.emitted('done')).toHaveLength(1);
  });
});
