import { describe, expect, it } from 'vitest';
import { itemsForSubdistrict } from '../../src/shared/questionnaire/definition';
import { visibleItems } from '../../src/shared/questionnaire/logic';
import { longestMinutes, questionnaireLength } from '../../src/shared/questionnaire/length';
import { defaultQuestionnaires } from '../../src/server/demo/templates';

describe('how long a questionnaire takes, from the questionnaire itself', () => {
  const [first] = defaultQuestionnaires;
  if (!first) throw new Error('no demo questionnaire');
  const items = itemsForSubdistrict(first, 'yijiangmen');

  it('counts the questions the form shows (its 共 N 题) and rounds the minutes up', () => {
    const length = questionnaireLength(items, {}, 'readAloud');
    expect(length.questions).toBe(visibleItems(items, {}).length);
    expect(length.minutes).toBe(Math.ceil((length.questions * 25) / 60));
    expect(questionnaireLength(items, {}, 'selfAnswered').minutes).toBe(Math.ceil((length.questions * 10) / 60));
    expect(questionnaireLength([], {}, 'selfAnswered')).toEqual({ questions: 0, minutes: 1 });
  });

  it('promises the longest questionnaire’s time before the audience is chosen', () => {
    const each = defaultQuestionnaires.map((definition) => questionnaireLength(itemsForSubdistrict(definition, 'yijiangmen'), {}, 'selfAnswered').minutes);
    expect(longestMinutes(defaultQuestionnaires, 'yijiangmen', 'selfAnswered')).toBe(Math.max(...each));
  });

  it('no demo intro states a count or a time of its own that could contradict the form', () => {
    for (const definition of defaultQuestionnaires) expect(definition.intro?.zh ?? '').not.toMatch(/[0-9一二三四五六七八九十]+ ?(个|道|题|分钟)/);
  });
});
