import { describe, expect, it } from 'vitest';
import { itemsForSubdistrict } from '../../src/shared/questionnaire/definition';
import type { Condition, FormItem } from '../../src/shared/questionnaire/form';
import { checkAnswer, checkAnswers, evaluateCondition, keptAnswers, resumeAt, stepFrom, visibleItems } from '../../src/shared/questionnaire/logic';
import { buildResponseData, IncompleteResponseError } from '../../src/shared/questionnaire/response';
import { defaultQuestionnaires } from '../../src/server/demo/templates';

const t = (zh: string) => ({ zh, en: zh });
const item = (id: string, kind: FormItem['kind'], extra: Partial<FormItem> = {}): FormItem => ({ id, kind, text: t(id), ...extra });

describe('skip logic', () => {
  const answers = { visited: true, concerns: ['noise_fumes', 'other'], age: 72, rating: 'satisfied', blank: '  ' };

  it.each<[string, Condition, boolean]>([
    ['equals a yes', { op: 'equals', item: 'visited', value: true }, true],
    ['equals a no', { op: 'equals', item: 'visited', value: false }, false],
    ['not_equals on an answer', { op: 'not_equals', item: 'rating', value: 'fair' }, true],
    ['not_equals on no answer', { op: 'not_equals', item: 'missing', value: 'fair' }, false],
    ['answered', { op: 'answered', item: 'age' }, true],
    ['a blank text is not an answer', { op: 'answered', item: 'blank' }, false],
    ['one_of', { op: 'one_of', item: 'rating', values: ['unsatisfied', 'satisfied'] }, true],
    ['one_of misses', { op: 'one_of', item: 'rating', values: ['unsatisfied'] }, false],
    ['includes a chosen option', { op: 'includes', item: 'concerns', value: 'other' }, true],
    ['includes an unchosen option', { op: 'includes', item: 'concerns', value: 'ev_charging' }, false],
    ['greater_than', { op: 'greater_than', item: 'age', value: 60 }, true],
    ['at_least at the bound', { op: 'at_least', item: 'age', value: 72 }, true],
    ['less_than', { op: 'less_than', item: 'age', value: 72 }, false],
    ['at_most', { op: 'at_most', item: 'age', value: 72 }, true],
    ['a number test on text is false', { op: 'greater_than', item: 'rating', value: 1 }, false],
    ['all', { op: 'all', conditions: [{ op: 'answered', item: 'age' }, { op: 'equals', item: 'visited', value: true }] }, true],
    ['all with one false', { op: 'all', conditions: [{ op: 'answered', item: 'age' }, { op: 'equals', item: 'visited', value: false }] }, false],
    ['any', { op: 'any', conditions: [{ op: 'answered', item: 'missing' }, { op: 'includes', item: 'concerns', value: 'noise_fumes' }] }, true],
    ['not', { op: 'not', condition: { op: 'answered', item: 'missing' } }, true],
  ])('%s', (_name, condition, expected) => {
    expect(evaluateCondition(condition, answers)).toBe(expected);
  });

  const items = [
    item('gate', 'yes_no'),
    item('rating', 'satisfaction', { relevant: { op: 'equals', item: 'gate', value: true } }),
    item('why', 'long_text', { relevant: { op: 'one_of', item: 'rating', values: ['unsatisfied', 'very_unsatisfied'] } }),
    item('last', 'short_text'),
  ];

  it('shows an item only when its condition holds', () => {
    expect(visibleItems(items, {}).map((i) => i.id)).toEqual(['gate', 'last']);
    expect(visibleItems(items, { gate: true }).map((i) => i.id)).toEqual(['gate', 'rating', 'last']);
    expect(visibleItems(items, { gate: true, rating: 'unsatisfied' }).map((i) => i.id)).toEqual(['gate', 'rating', 'why', 'last']);
  });

  it('hides what depended on a hidden item, and drops hidden answers from the record', () => {
    const answers = { gate: false, rating: 'unsatisfied', why: 'rubbish everywhere', last: ' ok ' };
    expect(visibleItems(items, answers).map((i) => i.id)).toEqual(['gate', 'last']);
    expect(keptAnswers(items, answers)).toEqual({ gate: false, last: 'ok' });
  });

  it('steps over hidden items in one-question-per-screen mode and resumes on a shown one', () => {
    expect(stepFrom(items, { gate: false }, 0, 1)).toBe(3);
    expect(stepFrom(items, { gate: true }, 0, 1)).toBe(1);
    expect(stepFrom(items, { gate: false }, 3, -1)).toBe(0);
    expect(stepFrom(items, {}, 3, 1)).toBe(-1);
    expect(resumeAt(items, { gate: true }, 1)).toBe(1);
    expect(resumeAt(items, { gate: false }, 1)).toBe(3);
  });

  it('takes the elderly questionnaire through the grid-worker branch', () => {
    const elderly = defaultQuestionnaires.find((q) => q.audience === 'elderly')!;
    const ids = (answers: Record<string, boolean | string[]>) => visibleItems(elderly.items, answers).map((i) => i.id);
    expect(ids({ grid_visited: false })).not.toContain('sat_sd_grid_visits');
    expect(ids({ grid_visited: true })).toContain('sat_sd_grid_visits');
    expect(ids({ concerns: ['noise_fumes'] })).not.toContain('concerns_other');
    expect(ids({ concerns: ['other'] })).toContain('concerns_other');
  });

  it('asks special items only in their own sub-district', () => {
    const adult = defaultQuestionnaires.find((q) => q.audience === 'adult')!;
    expect(itemsForSubdistrict(adult, 'yijiangmen').map((i) => i.id)).toContain('special_yijiangmen_city_wall');
    expect(itemsForSubdistrict(adult, 'jiangdong').map((i) => i.id)).not.toContain('special_yijiangmen_city_wall');
  });
});

describe('constraints', () => {
  it('requires an answer only where asked to', () => {
    expect(checkAnswer(item('a', 'short_text', { constraints: { required: true } }), '   ')).toEqual({ code: 'required' });
    expect(checkAnswer(item('a', 'short_text'), undefined)).toBeUndefined();
    expect(checkAnswer(item('a', 'multiple_choice', { options: [{ id: 'x', label: t('x') }], constraints: { required: true } }), [])).toEqual({ code: 'required' });
  });

  it('checks numbers against min, max and integer', () => {
    const age = item('age', 'number', { constraints: { min: 0, max: 120, integer: true } });
    expect(checkAnswer(age, 121)).toEqual({ code: 'above_max', max: 120 });
    expect(checkAnswer(age, -1)).toEqual({ code: 'below_min', min: 0 });
    expect(checkAnswer(age, 3.5)).toEqual({ code: 'not_integer' });
    expect(checkAnswer(age, 120)).toBeUndefined();
    expect(checkAnswer(age, '12')).toEqual({ code: 'wrong_type' });
  });

  it('checks selections against the options and their limits', () => {
    const options = ['a', 'b', 'c', 'd'].map((id) => ({ id, label: t(id) }));
    const pick = item('pick', 'multiple_choice', { options, constraints: { minSelections: 2, maxSelections: 3 } });
    expect(checkAnswer(pick, ['a'])).toEqual({ code: 'too_few', min: 2 });
    expect(checkAnswer(pick, ['a', 'b', 'c', 'd'])).toEqual({ code: 'too_many', max: 3 });
    expect(checkAnswer(pick, ['a', 'z'])).toEqual({ code: 'unknown_option' });
    expect(checkAnswer(pick, ['a', 'a'])).toEqual({ code: 'unknown_option' });
    expect(checkAnswer(pick, ['a', 'b'])).toBeUndefined();
    expect(checkAnswer(item('one', 'single_choice', { options }), 'z')).toEqual({ code: 'unknown_option' });
  });

  it('accepts the scale with "no opinion" unless the item leaves it out', () => {
    expect(checkAnswer(item('s', 'satisfaction'), 'no_opinion')).toBeUndefined();
    expect(checkAnswer(item('s', 'satisfaction', { allowNoOpinion: false }), 'no_opinion')).toEqual({ code: 'unknown_option' });
    expect(checkAnswer(item('s', 'satisfaction'), 'delighted')).toEqual({ code: 'unknown_option' });
    expect(checkAnswer(item('y', 'yes_no'), 'yes')).toEqual({ code: 'wrong_type' });
  });

  it('checks text length in characters and a whole-value pattern', () => {
    const phone = item('phone', 'short_text', { constraints: { pattern: '1\\d{10}', maxLength: 11 } });
    expect(checkAnswer(phone, '13912345678')).toBeUndefined();
    expect(checkAnswer(phone, 'x13912345678')).toEqual({ code: 'too_long', max: 11 });
    expect(checkAnswer(phone, '1391234567')).toEqual({ code: 'pattern' });
    expect(checkAnswer(item('note', 'long_text', { constraints: { maxLength: 3 } }), '楼道灯')).toBeUndefined();
    expect(checkAnswer(item('note', 'long_text', { constraints: { maxLength: 3 } }), '楼道灯坏')).toEqual({ code: 'too_long', max: 3 });
  });

  it('never checks hidden items', () => {
    const items = [item('gate', 'yes_no'), item('detail', 'short_text', { relevant: { op: 'equals', item: 'gate', value: true }, constraints: { required: true } })];
    expect(checkAnswers(items, { gate: false })).toEqual({});
    expect(checkAnswers(items, { gate: true })).toEqual({ detail: { code: 'required' } });
  });
});

describe('building a response', () => {
  const elderly = defaultQuestionnaires.find((q) => q.audience === 'elderly')!;
  const context = {
    communityId: 'yijiangmen-c01',
    subdistrictId: 'yijiangmen',
    roundId: '2026-H1',
    channel: 'field' as const,
    authorId: 'worker-1',
    deviceId: 'device-1',
    createdAt: '2026-03-02T09:00:00.000Z',
    finalisedAt: '2026-03-02T09:10:00.000Z',
  };
  const complete = Object.fromEntries(elderly.items.filter((i) => i.kind === 'satisfaction').map((i) => [i.id, 'satisfied']));

  it('keeps the questionnaire version and the shown answers, never an address', () => {
    const data = buildResponseData(elderly, { ...complete, grid_visited: false, concerns: ['noise_fumes'], concerns_other: 'stale' }, context);
    expect(data.questionnaireId).toBe('resident-elderly');
    expect(data.questionnaireVersion).toBe(1);
    expect(data.answers).not.toHaveProperty('sat_sd_grid_visits');
    expect(data.answers).not.toHaveProperty('concerns_other');
    expect(data.answers.concerns).toEqual(['noise_fumes']);
    expect(data).not.toHaveProperty('householdId');
  });

  it('refuses answers that break a constraint, naming the items', () => {
    expect(() => buildResponseData(elderly, { ...complete, grid_visited: true, sat_sd_grid_visits: undefined as never }, context)).toThrow(IncompleteResponseError);
    const error = (() => {
      try {
        buildResponseData(elderly, { grid_visited: false }, context);
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(IncompleteResponseError);
    expect((error as IncompleteResponseError).issues.sat_pb_org_service).toEqual({ code: 'required' });
  });
});
