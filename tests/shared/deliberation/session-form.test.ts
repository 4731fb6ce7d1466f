import { describe, expect, it } from 'vitest';
import { missingSessionFields, sessionAnswers, sessionFormItems, signedContent, withSessionAnswer } from '../../../src/shared/deliberation/form';
import { emptySessionContent } from '../../../src/shared/deliberation/content';
import { sessionRecord } from '../../../src/shared/deliberation/session';
import { formItemSchema, unfinishedEntry, type FormItem } from '../../../src/shared/questionnaire/form';
import { checkAnswer } from '../../../src/shared/questionnaire/logic';
import { validateRecord } from '../../../src/shared/records';
import { adviser, sessionContent } from '../../../scripts/harness/deliberation';

const text = { zh: '题', en: 'item' };
const by = { ...adviser, createdAt: '2026-11-20T06:00:00.000Z', finalisedAt: '2026-11-20T07:40:00.000Z' };
const about = { communityId: 'c-gulou-01', hostAdviserId: 'adviser-1' };

describe('the form engine’s kinds for record forms', () => {
  it('checks a date, a clock time and a custom item’s count', () => {
    const date: FormItem = { id: 'day', kind: 'date', text, constraints: { required: true } };
    expect(checkAnswer(date, undefined)).toEqual({ code: 'required' });
    expect(checkAnswer(date, '2026-11-20')).toBeUndefined();
    expect(checkAnswer(date, '2026-13-01')).toEqual({ code: 'wrong_type' });
    const time: FormItem = { id: 'at', kind: 'time', text };
    expect(checkAnswer(time, '23:59')).toBeUndefined();
    expect(checkAnswer(time, '24:00')).toEqual({ code: 'wrong_type' });
    const group: FormItem = { id: 'people', kind: 'custom', text, constraints: { required: true, min: 1, max: 3 } };
    expect(checkAnswer(group, undefined)).toEqual({ code: 'required' });
    expect(checkAnswer(group, 4)).toEqual({ code: 'above_max', max: 3 });
    expect(checkAnswer(group, 'x')).toEqual({ code: 'wrong_type' });
    expect(checkAnswer(group, unfinishedEntry)).toEqual({ code: 'unfinished' });
  });
});

describe('the session form definition', () => {
  it('is a valid form definition', () => {
    for (const item of sessionFormItems) expect(formItemSchema.safeParse(item).success, item.id).toBe(true);
  });

  it('names what is missing from an empty session, in the form’s order, and nothing from a filled one', () => {
    expect(missingSessionFields(emptySessionContent('2026-11-20'))).toEqual(['starts_at', 'ends_at', 'place', 'topic', 'title', 'participants']);
    expect(missingSessionFields(sessionContent())).toEqual([]);
    expect(missingSessionFields({ ...sessionContent(), participants: [{ kind: 'residents', count: 0, names: ['张三'] }] })).toEqual(['participants']);
  });

  it('holds back a follow-up action written without its due date, and not an empty one', () => {
    const withAction = (action: string, dueOn: string) => ({ ...sessionContent(), followUps: [{ action, owner: '物业公司', dueOn }] });
    expect(missingSessionFields(withAction('提交安装方案', ''))).toEqual(['follow_ups']);
    expect(missingSessionFields(withAction('提交安装方案', '2026-12-15'))).toEqual([]);
    expect(missingSessionFields(withAction('  ', ''))).toEqual([]);
  });

  it('round-trips the plain items through the engine’s answers', () => {
    let content = emptySessionContent('2026-11-20');
    content = withSessionAnswer(content, 'starts_at', '09:30');
    content = withSessionAnswer(content, 'topic', 'old_estate_renovation');
    content = withSessionAnswer(content, 'co_hosts', '甲\n乙');
    content = withSessionAnswer(content, 'place', undefined);
    expect(content).toMatchObject({ startsAt: '09:30', topic: 'old_estate_renovation', coHosts: ['甲', '乙'], place: '' });
    expect(sessionAnswers(content)).toEqual({ held_on: '2026-11-20', starts_at: '09:30', topic: 'old_estate_renovation', co_hosts: '甲\n乙' });
  });

  it('signs the case number only when the case question is answered yes; the question itself is never signed', () => {
    const linked = { ...sessionContent(), linksCase: true, negativeListCaseId: 'NL-1' };
    expect(signedContent(linked)).toMatchObject({ negativeListCaseId: 'NL-1' });
    expect(signedContent(linked)).not.toHaveProperty('linksCase');
    expect(signedContent({ ...linked, linksCase: false })).not.toHaveProperty('negativeListCaseId');
    // A draft from before the question, with only a case number, keeps it.
    expect(signedContent({ ...sessionContent(), negativeListCaseId: 'NL-2' })).toMatchObject({ negativeListCaseId: 'NL-2' });
    expect(validateRecord(sessionRecord('0190f5f2-7d1a-7000-8000-00000000a002', signedContent({ ...linked, linksCase: false }), about, by))).toBeUndefined();
  });
});
