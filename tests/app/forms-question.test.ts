import { afterEach, describe, expect, it } from 'vitest';
import FormQuestion from '../../src/app/components/forms/FormQuestion.vue';
import type { Locale } from '../../src/app/i18n';
import type { AnswerValue, FormItem, ItemKind } from '../../src/shared/questionnaire/form';
import { checkAnswer } from '../../src/shared/questionnaire/logic';
import { mountWith } from '../helpers/app/mount';

const text = (zh: string, en: string) => ({ zh, en });
const options = [
  { id: 'environment_cleanup', label: text('环境卫生', 'Environment') },
  { id: 'property_management', label: text('物业管理', 'Property management') },
  { id: 'other', label: text('其他', 'Other') },
];

const items: Record<ItemKind, FormItem> = {
  satisfaction: { id: 'sat', kind: 'satisfaction', text: text('您对环境卫生满意吗？', 'Are you satisfied with sanitation?'), constraints: { required: true } },
  single_choice: { id: 'single', kind: 'single_choice', text: text('问题处理得怎么样？', 'How was it handled?'), options, constraints: { required: true } },
  multiple_choice: { id: 'multi', kind: 'multiple_choice', text: text('您最操心哪些问题？', 'What concerns you most?'), options, constraints: { maxSelections: 2 } },
  yes_no: { id: 'yes_no', kind: 'yes_no', text: text('网格员来过吗？', 'Has a grid worker visited?'), constraints: { required: true } },
  number: { id: 'years', kind: 'number', text: text('您在本社区住了几年？', 'Years in this community?'), constraints: { min: 0, max: 100, integer: true } },
  short_text: { id: 'short', kind: 'short_text', text: text('请说明其他问题', 'Describe the other problem'), constraints: { required: true, maxLength: 5 } },
  long_text: { id: 'long', kind: 'long_text', text: text('您有什么建议？', 'Any suggestions?'), constraints: { maxLength: 10 } },
};

let wrapper: ReturnType<typeof mountQuestion> | undefined;
afterEach(() => wrapper?.unmount());

/** A question bound to a local answer, showing the issue the interpreter finds, as the form runner does. */
function mountQuestion(item: FormItem, locale: Locale = 'zh-CN', initial?: AnswerValue, faces = false) {
  const mounted = mountWith(FormQuestion, {
    locale,
    props: {
      item,
      modelValue: initial,
      issue: checkAnswer(item, initial),
      faces,
      'onUpdate:modelValue': (value: AnswerValue | undefined) => mounted.setProps({ modelValue: value, issue: checkAnswer(item, value) }),
    },
  });
  wrapper = mounted;
  return mounted;
}

const lastAnswer = (w: ReturnType<typeof mountQuestion>) => w.emitted('update:modelValue')?.at(-1)?.[0];

describe('question kinds', () => {
  it('satisfaction: five points and "no opinion", answered by option id, with faces in elderly mode', async () => {
    const w = mountQuestion(items.satisfaction, 'zh-CN', undefined, true);
    expect(w.get('legend').text()).toContain('您对环境卫生满意吗？');
    expect(w.get('legend').text()).toContain('（必答）');
    const labels = w.findAll('label.option').map((label) => label.text());
    expect(labels).toEqual(['非常满意', '满意', '基本满意', '不太满意', '不满意', '不了解/说不清']);
    expect(w.findAll('svg.face')).toHaveLength(6);
    await w.findAll('input[type="radio"]')[1]!.setValue(true);
    expect(lastAnswer(w)).toBe('satisfied');
    expect(w.find('input[value="satisfied"]').element).toHaveProperty('checked', true);
  });

  it('satisfaction without faces outside elderly mode, and without "no opinion" when the item says so', () => {
    const w = mountQuestion({ ...items.satisfaction, allowNoOpinion: false }, 'en');
    expect(w.findAll('svg.face')).toHaveLength(0);
    expect(w.findAll('label.option').map((label) => label.text())).toEqual(['Very satisfied', 'Satisfied', 'Fairly satisfied', 'Not very satisfied', 'Dissatisfied']);
  });

  it('single choice: radio buttons in a fieldset, one answer', async () => {
    const w = mountQuestion(items.single_choice);
    expect(w.findAll('fieldset input[type="radio"]')).toHaveLength(3);
    await w.find('input[value="other"]').setValue(true);
    expect(lastAnswer(w)).toBe('other');
    await w.find('input[value="environment_cleanup"]').setValue(true);
    expect(lastAnswer(w)).toBe('environment_cleanup');
  });

  it('multiple choice: check boxes, answers in the definition order, and at most the allowed number', async () => {
    const w = mountQuestion(items.multiple_choice);
    await w.find('input[value="other"]').setValue(true);
    await w.find('input[value="environment_cleanup"]').setValue(true);
    expect(lastAnswer(w)).toEqual(['environment_cleanup', 'other']);
    expect(w.find('.issue').text()).toBe('');
    await w.find('input[value="property_management"]').setValue(true);
    expect(lastAnswer(w)).toEqual(['environment_cleanup', 'property_management', 'other']);
    expect(w.get('[role="alert"], .issue').text()).toBe('最多选 2 项。');
    expect(w.get('fieldset').attributes('aria-invalid')).toBe('true');
    await w.find('input[value="other"]').setValue(false);
    expect(lastAnswer(w)).toEqual(['environment_cleanup', 'property_management']);
    expect(w.find('.issue').text()).toBe('');
  });

  it('yes/no: answers true or false', async () => {
    const w = mountQuestion(items.yes_no);
    expect(w.findAll('label.option').map((label) => label.text())).toEqual(['是', '否']);
    await w.findAll('input[type="radio"]')[1]!.setValue(true);
    expect(lastAnswer(w)).toBe(false);
    await w.findAll('input[type="radio"]')[0]!.setValue(true);
    expect(lastAnswer(w)).toBe(true);
  });

  it('number: a labelled number input, answered as a number, checked against min, max and integer', async () => {
    const w = mountQuestion(items.number);
    const input = w.get('input[type="number"]');
    expect(w.get(`label[for="${input.attributes('id')}"]`).text()).toContain('您在本社区住了几年？');
    await input.setValue('12');
    expect(lastAnswer(w)).toBe(12);
    await input.setValue('120');
    expect(w.get('.issue').text()).toBe('不能大于 100。');
    expect(input.attributes('aria-invalid')).toBe('true');
    expect(input.attributes('aria-describedby')).toContain(w.get('.issue').attributes('id'));
    await input.setValue('2.5');
    expect(w.get('.issue').text()).toBe('请填写整数。');
    await input.setValue('');
    expect(lastAnswer(w)).toBeUndefined();
  });

  it('short text: typed text is the answer, too long is said at once', async () => {
    const w = mountQuestion(items.short_text);
    await w.get('input[type="text"]').setValue('楼道灯坏');
    expect(lastAnswer(w)).toBe('楼道灯坏');
    expect(w.get('.counter').text()).toBe('4 / 5 字');
    await w.get('input[type="text"]').setValue('楼道灯坏了很久');
    expect(w.get('.issue').text()).toBe('不能超过 5 个字。');
  });

  it('long text: a text area', async () => {
    const w = mountQuestion(items.long_text);
    await w.get('textarea').setValue('多装路灯');
    expect(lastAnswer(w)).toBe('多装路灯');
  });

  it('date and time (record forms): the browser’s own pickers, answered as YYYY-MM-DD and HH:MM', async () => {
    const day = mountQuestion({ id: 'day', kind: 'date', text: text('日期', 'Date'), constraints: { required: true } });
    expect(day.get('input').attributes('type')).toBe('date');
    await day.get('input').setValue('2026-11-20');
    expect(lastAnswer(day)).toBe('2026-11-20');
    day.unmount();
    const time = mountQuestion({ id: 'at', kind: 'time', text: text('开始时间', 'Start') });
    expect(time.get('input').attributes('type')).toBe('time');
    await time.get('input').setValue('14:05');
    expect(lastAnswer(time)).toBe('14:05');
  });
});

describe('validation messages in both languages', () => {
  it.each<[string, FormItem, AnswerValue | undefined, string, string]>([
    ['required', items.short_text, undefined, '这道题必须回答。', 'This question must be answered.'],
    ['too many', items.multiple_choice, ['environment_cleanup', 'property_management', 'other'], '最多选 2 项。', 'Choose at most 2.'],
    ['below min', items.number, -1, '不能小于 0。', 'Must be at least 0.'],
    ['above max', items.number, 101, '不能大于 100。', 'Must be at most 100.'],
    ['not an integer', items.number, 1.5, '请填写整数。', 'Please enter a whole number.'],
    ['too long', items.long_text, '一二三四五六七八九十一', '不能超过 10 个字。', 'At most 10 characters.'],
    ['pattern', { ...items.short_text, constraints: { pattern: '\\d+' } }, 'abc', '格式不对，请检查。', 'This is not in the expected format.'],
    ['too few', { ...items.multiple_choice, constraints: { minSelections: 2 } }, ['other'], '至少选 2 项。', 'Choose at least 2.'],
  ])('%s', (_name, item, value, zh, en) => {
    const inChinese = mountQuestion(item, 'zh-CN', value);
    expect(inChinese.get('.issue').text()).toBe(zh);
    expect(inChinese.get('.issue').attributes('aria-live')).toBe('polite');
    inChinese.unmount();
    const inEnglish = mountQuestion(item, 'en', value);
    expect(inEnglish.get('.issue').text()).toBe(en);
  });

  it('shows the question in the interface language', () => {
    expect(mountQuestion(items.yes_no, 'en').get('legend').text()).toContain('Has a grid worker visited?');
  });
});
