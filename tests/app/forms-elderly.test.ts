import { afterEach, describe, expect, it, vi } from 'vitest';
import FormRunner from '../../src/app/components/forms/FormRunner.vue';
import type { Locale } from '../../src/app/i18n';
import type { AnswerValue, FormItem } from '../../src/shared/questionnaire/form';
import { mountWith } from '../helpers/app/mount';

const text = (zh: string, en: string) => ({ zh, en });
const items: FormItem[] = [
  { id: 'grid_visited', kind: 'yes_no', text: text('网格员到您家来看过您吗？', 'Has a grid worker come to see you?'), constraints: { required: true } },
  { id: 'sat_grid', kind: 'satisfaction', text: text('网格员上门来看您，您满意吗？', 'Are you satisfied with the visits?'), relevant: { op: 'equals', item: 'grid_visited', value: true }, constraints: { required: true } },
  { id: 'sat_safety', kind: 'satisfaction', text: text('住在这里觉得安全吗？', 'Do you feel safe here?'), constraints: { required: true } },
];

/** Speech synthesis as a browser provides it, with the given voices. */
function stubSpeech(voices: Array<{ lang: string; name: string }>) {
  const spoken: Array<{ text: string; lang: string }> = [];
  class Utterance {
    lang = '';
    voice: unknown = null;
    rate = 1;
    onend: (() => void) | null = null;
    onerror: (() => void) | null = null;
    constructor(readonly text: string) {}
  }
  const synth = {
    getVoices: vi.fn(() => voices),
    speak: vi.fn((utterance: Utterance) => spoken.push({ text: utterance.text, lang: utterance.lang })),
    cancel: vi.fn(),
    addEventListener: vi.fn(),
    removeEventListener: vi.fn(),
  };
  vi.stubGlobal('SpeechSynthesisUtterance', Utterance);
  vi.stubGlobal('speechSynthesis', synth);
  return { synth, spoken };
}

let wrapper: ReturnType<typeof mountRunner> | undefined;
afterEach(() => {
  wrapper?.unmount();
  vi.unstubAllGlobals();
});

/** The runner in elderly mode, bound to local answers and position as the interview page binds them. */
function mountRunner(locale: Locale = 'zh-CN', answers: Record<string, AnswerValue> = {}, position = 0) {
  const state = { answers: { ...answers }, position };
  const mounted = mountWith(FormRunner, {
    locale,
    props: {
      items,
      answers: state.answers,
      position,
      large: true,
      onAnswer: (id: string, value: AnswerValue | undefined) => {
        state.answers = { ...state.answers, [id]: value as AnswerValue };
        void mounted.setProps({ answers: state.answers });
      },
      onMove: (index: number) => void mounted.setProps({ position: index }),
    },
  });
  wrapper = mounted;
  return mounted;
}

const button = (w: ReturnType<typeof mountRunner>, name: string) => w.findAll('button').find((b) => b.text().includes(name))!;

describe('elderly mode', () => {
  it('shows one question per screen in type of at least 20 px, which can be made larger', async () => {
    const w = mountRunner();
    expect(w.findAll('.form-question')).toHaveLength(1);
    expect(w.get('legend').text()).toContain('网格员到您家来看过您吗？');
    expect(w.text()).toContain('第 1 题，共 2 题');
    const size = () => Number.parseFloat((w.get('.form-runner').element as HTMLElement).style.fontSize);
    expect(size()).toBeGreaterThanOrEqual(20);
    const before = size();
    // The accessible name holds the visible text (A+) and says what it does.
    expect(button(w, 'A+').text()).toBe('A+字大一点');
    await button(w, 'A+').trigger('click');
    expect(size()).toBeGreaterThan(before);
    await button(w, 'A−').trigger('click');
    expect(size()).toBe(before);
  });

  it('keeps the size chosen when the runner is shown again (back from the review, the next door, a reload)', async () => {
    const first = mountRunner();
    const size = (w: ReturnType<typeof mountRunner>) => Number.parseFloat((w.get('.form-runner').element as HTMLElement).style.fontSize);
    const base = size(first);
    await button(first, 'A+').trigger('click');
    await button(first, 'A+').trigger('click');
    const chosen = size(first);
    first.unmount();
    const again = mountRunner();
    expect(size(again)).toBe(chosen);
    expect(chosen).toBeGreaterThan(base);
    expect(button(again, 'A+').attributes('disabled')).toBeDefined();
  });

  it('puts faces on the satisfaction scale', () => {
    const w = mountRunner('zh-CN', { grid_visited: false }, 2);
    expect(w.get('legend').text()).toContain('住在这里觉得安全吗？');
    expect(w.findAll('svg.face')).toHaveLength(6);
  });

  it('will not move on without a required answer, and says why', async () => {
    const w = mountRunner();
    await button(w, '下一题').trigger('click');
    expect(w.get('.issue').text()).toBe('这道题必须回答。');
    expect(w.get('legend').text()).toContain('网格员到您家来看过您吗？');
  });

  it('repeats the message in the docked step bar, next to the buttons', async () => {
    const w = mountRunner();
    expect(w.get('.steps.docked .step-message').text()).toBe('');
    await button(w, '下一题').trigger('click');
    const bar = w.get('.steps.docked');
    expect(bar.get('.step-message').text()).toBe('这道题必须回答。');
    expect(bar.findAll('button').map((b) => b.text())).toEqual(['上一题', '下一题']);
    await w.find('input[value="no"]').setValue(true);
    expect(bar.get('.step-message').text()).toBe('');
  });

  it('says why the total changes when an answer opens or closes a branch', async () => {
    const w = mountRunner();
    expect(w.get('.progress').text()).toBe('第 1 题，共 2 题');
    await w.find('input[value="yes"]').setValue(true);
    expect(w.get('.progress').text()).toBe('第 1 题，共 3 题 因刚才的回答，增加了 1 道题');
    await w.find('input[value="no"]').setValue(true);
    expect(w.get('.progress').text()).toBe('第 1 题，共 2 题 因刚才的回答，减少了 1 道题');
  });

  it('follows the skip logic from screen to screen', async () => {
    const w = mountRunner();
    await w.find('input[value="no"]').setValue(true);
    await button(w, '下一题').trigger('click');
    expect(w.get('legend').text()).toContain('住在这里觉得安全吗？');
    await button(w, '上一题').trigger('click');
    await w.find('input[value="yes"]').setValue(true);
    expect(w.text()).toContain('第 1 题，共 3 题');
    await button(w, '下一题').trigger('click');
    expect(w.get('legend').text()).toContain('网格员上门来看您，您满意吗？');
  });

  it('emits done from the last question once every shown answer is acceptable', async () => {
    const w = mountRunner('zh-CN', { grid_visited: false }, 2);
    expect(button(w, '完成，核对答案').exists()).toBe(true);
    await button(w, '完成，核对答案').trigger('click');
    expect(w.emitted('done')).toBeUndefined();
    await w.find('input[value="fair"]').setValue(true);
    await button(w, '完成，核对答案').trigger('click');
    expect(w.emitted('done')).toHaveLength(1);
  });

  it('reads the question and its choices aloud in Chinese', async () => {
    const { synth, spoken } = stubSpeech([{ lang: 'en-US', name: 'Samantha' }, { lang: 'zh-CN', name: 'Tingting' }]);
    const w = mountRunner();
    await button(w, '朗读题目').trigger('click');
    expect(synth.speak).toHaveBeenCalledTimes(1);
    expect(spoken[0]!.text).toContain('网格员到您家来看过您吗？');
    expect(spoken[0]!.text).toContain('选项有：是、否');
    expect(spoken[0]!.lang).toBe('zh-CN');
    expect(button(w, '停止朗读').exists()).toBe(true);
  });

  it('reads in English when the interface is in English', async () => {
    const { spoken } = stubSpeech([{ lang: 'en_GB', name: 'Daniel' }]);
    const w = mountRunner('en');
    await button(w, 'Read aloud').trigger('click');
    expect(spoken[0]).toEqual({ text: 'Has a grid worker come to see you? The choices are: Yes, No', lang: 'en' });
  });

  it('says so on the button when the device has no voice for the language', async () => {
    const { synth } = stubSpeech([{ lang: 'en-US', name: 'Samantha' }]);
    const w = mountRunner();
    await button(w, '朗读题目').trigger('click');
    expect(synth.speak).not.toHaveBeenCalled();
    const readAloud = w.get('button.read-aloud');
    expect(readAloud.text()).toContain('本机没有可用的语音，无法朗读');
    expect(readAloud.attributes('aria-disabled')).toBe('true');
  });

  it('says so when the browser has no speech synthesis at all', () => {
    vi.stubGlobal('speechSynthesis', undefined);
    const w = mountRunner();
    expect(w.get('button.read-aloud').text()).toContain('此浏览器不支持朗读');
  });
});
