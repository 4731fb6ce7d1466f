import { unfinishedEntry, type AnswerValue, type Answers, type FormItem, type LocalizedText } from '../questionnaire/form';
import { checkAnswers, visibleItems } from '../questionnaire/logic';
import type { SessionContent, SessionDraftContent } from './content';
import { deliberationTopics, sessionLimits, topicLabels } from './vocabulary';

/**
 * The session form as a declarative definition run by the generic form engine (the interpreter in
 * `questionnaire/logic.ts` and the app's FormRunner): which items there are, which are required,
 * and when one is shown. The repeat groups (participants, legal opinions, follow-up actions) and the
 * photos are `custom` items: the page supplies their editors, the engine checks their counts.
 */

const text = (zh: string, en: string): LocalizedText => ({ zh, en });

export const sessionFormItems = [
  { id: 'held_on', kind: 'date', text: text('日期', 'Date'), constraints: { required: true } },
  { id: 'starts_at', kind: 'time', text: text('开始时间', 'Start'), constraints: { required: true } },
  { id: 'ends_at', kind: 'time', text: text('结束时间', 'End'), constraints: { required: true } },
  { id: 'place', kind: 'short_text', text: text('地点', 'Place'), constraints: { required: true, maxLength: 200 } },
  { id: 'co_hosts', kind: 'long_text', text: text('协办“法律明白人”', 'Co-hosting legal-literate persons'), help: text('可不填，每行一位。', 'Optional, one a line.') },
  {
    id: 'topic',
    kind: 'single_choice',
    text: text('议题类别', 'Topic category'),
    options: deliberationTopics.map((topic) => ({ id: topic, label: topicLabels[topic] })),
    constraints: { required: true },
  },
  { id: 'title', kind: 'short_text', text: text('议题', 'Topic'), constraints: { required: true, maxLength: 500 } },
  { id: 'participants', kind: 'custom', text: text('参与人员', 'Participants'), constraints: { required: true, min: 1 } },
  { id: 'issues_raised', kind: 'long_text', text: text('群众反映的问题', 'Issues raised'), constraints: { maxLength: 5000 } },
  { id: 'legal_opinions', kind: 'custom', text: text('法律意见', 'Legal opinions'), constraints: { max: sessionLimits.legalOpinions } },
  { id: 'resolutions', kind: 'long_text', text: text('议定事项', 'Resolutions agreed'), constraints: { maxLength: 5000 } },
  { id: 'follow_ups', kind: 'custom', text: text('后续跟进事项', 'Follow-up actions'), constraints: { max: sessionLimits.followUps } },
  { id: 'photos', kind: 'custom', text: text('现场照片', 'Photos'), constraints: { max: sessionLimits.photos } },
  { id: 'links_case', kind: 'yes_no', text: text('是否涉及负面评价清单中的问题？', 'Does it take up a problem of the negative list?') },
  {
    id: 'negative_list_case_id',
    kind: 'short_text',
    text: text('负面评价清单编号', 'Negative-list case number'),
    relevant: { op: 'equals', item: 'links_case', value: true },
    constraints: { required: true, maxLength: 100 },
  },
] as const satisfies readonly FormItem[];

export type SessionItemId = (typeof sessionFormItems)[number]['id'];

/** Plain items and the content field each one edits. */
const textFields = {
  held_on: 'heldOn',
  starts_at: 'startsAt',
  ends_at: 'endsAt',
  place: 'place',
  title: 'title',
  issues_raised: 'issuesRaised',
  resolutions: 'resolutions',
  negative_list_case_id: 'negativeListCaseId',
} as const satisfies Partial<Record<SessionItemId, keyof SessionDraftContent>>;

const isTextItem = (id: string): id is keyof typeof textFields => id in textFields;
const countOrNothing = (count: number) => (count > 0 ? count : undefined);

/** The session as the engine reads it: item id → answer (a custom item's answer is how many it holds). */
export function sessionAnswers(content: SessionDraftContent): Answers {
  const answers: Record<string, AnswerValue | undefined> = {
    co_hosts: content.coHosts.join('\n'),
    topic: content.topic,
    participants: countOrNothing(content.participants.reduce((sum, group) => sum + group.count, 0)),
    legal_opinions: countOrNothing(content.legalOpinions.length),
    // An action written without its date is not done yet: the deadline is the adviser's to choose.
    follow_ups: content.followUps.some(({ action, dueOn }) => action.trim() !== '' && dueOn === '') ? unfinishedEntry : countOrNothing(content.followUps.length),
    photos: countOrNothing(content.photos.length),
    // A draft from before this question had only the case number: having one answers "yes".
    links_case: content.linksCase ?? (content.negativeListCaseId !== undefined ? true : undefined),
  };
  for (const [id, field] of Object.entries(textFields)) answers[id] = content[field];
  return Object.fromEntries(Object.entries(answers).filter((entry): entry is [string, AnswerValue] => entry[1] !== undefined && entry[1] !== ''));
}

/** The content after the engine answered a plain item (custom items are edited by their own editors). */
export function withSessionAnswer(content: SessionDraftContent, itemId: string, value: AnswerValue | undefined): SessionDraftContent {
  const textValue = typeof value === 'string' ? value : '';
  if (isTextItem(itemId)) {
    const field = textFields[itemId];
    return { ...content, [field]: field === 'negativeListCaseId' && textValue === '' ? undefined : textValue };
  }
  switch (itemId) {
    case 'co_hosts':
      // Kept as typed (blank lines too) while editing; the record leaves empty names out.
      return { ...content, coHosts: textValue === '' ? [] : textValue.split('\n').slice(0, sessionLimits.coHosts) };
    case 'topic':
      return { ...content, topic: (deliberationTopics as readonly string[]).includes(textValue) ? (textValue as SessionContent['topic']) : '' };
    case 'links_case':
      return { ...content, linksCase: typeof value === 'boolean' ? value : undefined };
    default:
      return content;
  }
}

/** The items still wanting an answer (or a better one) before attendees sign, in the form's order. */
export function missingSessionFields(content: SessionDraftContent): SessionItemId[] {
  const issues = checkAnswers(sessionFormItems, sessionAnswers(content));
  return sessionFormItems.map((item) => item.id).filter((id) => id in issues);
}

/**
 * What is signed: the content without the form's own question, and without the case number when
 * that item is not shown (the engine keeps only the answers of shown items).
 */
export function signedContent(content: SessionDraftContent): SessionContent {
  const { linksCase: _asked, negativeListCaseId, topic, ...rest } = content;
  if (topic === '') throw new Error('the topic is not chosen');
  const caseAsked = visibleItems(sessionFormItems, sessionAnswers(content)).some((item) => item.id === 'negative_list_case_id');
  return { ...rest, topic, ...(caseAsked && negativeListCaseId !== undefined ? { negativeListCaseId } : {}) };
}
