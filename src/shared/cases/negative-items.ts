import type { QuestionnaireDefinition } from '../questionnaire/definition';
import type { AnswerValue } from '../records';
import type { NegativeItemSource } from './api';
import { caseCategories, categoryForIndicator } from './categories';

/** One negative answer of one response, before the answers of a community are gathered into items. */
export interface NegativeAnswer {
  source: NegativeItemSource;
  indicatorId: string | null;
  category: string | null;
  text: string | null;
  /** The questionnaire item answered, so that two comments of one response stay two items. */
  itemId: string;
}

/**
 * The negative answers in a response: "dissatisfied" ratings, the choices of
 * negative-evaluation items (the problems that concern the resident most) and the words of
 * negative-evaluation text items. `dissatisfiedOptionIds` comes from the round's settings.
 */
export function negativeAnswers(definition: QuestionnaireDefinition, answers: Readonly<Record<string, AnswerValue>>, dissatisfiedOptionIds: readonly string[]): NegativeAnswer[] {
  const found: NegativeAnswer[] = [];
  for (const item of definition.items) {
    const value = answers[item.id];
    if (value === undefined) continue;
    if (item.kind === 'satisfaction') {
      if (typeof value === 'string' && dissatisfiedOptionIds.includes(value) && item.indicatorId) {
        found.push({ source: 'dissatisfied', indicatorId: item.indicatorId, category: categoryForIndicator(item.indicatorId), text: null, itemId: item.id });
      }
      continue;
    }
    if (item.evaluation !== 'negative') continue;
    if ((item.kind === 'multiple_choice' || item.kind === 'single_choice') && (Array.isArray(value) || typeof value === 'string')) {
      for (const choice of Array.isArray(value) ? value : [value]) {
        found.push({ source: 'concern', indicatorId: null, category: caseCategories.includes(choice) ? choice : 'other', text: null, itemId: item.id });
      }
    } else if ((item.kind === 'short_text' || item.kind === 'long_text') && typeof value === 'string' && value.trim() !== '') {
      // Words that explain the choice "other" are of that category; any others wait for triage.
      const explainsOther = item.relevant?.op === 'includes' && item.relevant.value === 'other';
      found.push({ source: 'comment', indicatorId: null, category: explainsOther ? 'other' : null, text: value.trim(), itemId: item.id });
    }
  }
  return found;
}

/** Where an answer is gathered: a community's dissatisfaction on one indicator, its concern with one issue; each comment alone. */
export function negativeItemId(roundId: string, communityId: string, responseId: string, answer: NegativeAnswer): string {
  if (answer.source === 'dissatisfied') return `${roundId}:${communityId}:dissatisfied:${answer.indicatorId}`;
  if (answer.source === 'concern') return `${roundId}:${communityId}:concern:${answer.category}`;
  return `${roundId}:${communityId}:comment:${responseId}:${answer.itemId}`;
}
