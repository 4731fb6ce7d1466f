import { unfinishedEntry, type AnswerValue, type Answers, type Condition, type Constraints, type FormItem } from './form';
import { satisfactionOptionIds, noOpinion } from './scale';

/**
 * The interpreter of a form's declarative skip logic and constraints. It reads conditions and
 * constraints as data and never turns them into code.
 */

export function isAnswered(value: AnswerValue | undefined): value is AnswerValue {
  if (value === undefined) return false;
  if (typeof value === 'string') return value.trim() !== '';
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'number') return Number.isFinite(value);
  return true;
}

function compareNumber(value: AnswerValue | undefined, test: (n: number) => boolean): boolean {
  return typeof value === 'number' && Number.isFinite(value) && test(value);
}

export function evaluateCondition(condition: Condition, answers: Answers): boolean {
  switch (condition.op) {
    case 'all':
      return condition.conditions.every((inner) => evaluateCondition(inner, answers));
    case 'any':
      return condition.conditions.some((inner) => evaluateCondition(inner, answers));
    case 'not':
      return !evaluateCondition(condition.condition, answers);
    case 'answered':
      return isAnswered(answers[condition.item]);
    case 'equals':
      return answers[condition.item] === condition.value;
    // An unanswered item neither equals nor differs from anything: both tests are false.
    case 'not_equals':
      return isAnswered(answers[condition.item]) && answers[condition.item] !== condition.value;
    case 'one_of': {
      const value = answers[condition.item];
      return value !== undefined && !Array.isArray(value) && condition.values.includes(value);
    }
    case 'includes': {
      const value = answers[condition.item];
      return Array.isArray(value) && value.includes(condition.value);
    }
    case 'greater_than':
      return compareNumber(answers[condition.item], (n) => n > condition.value);
    case 'at_least':
      return compareNumber(answers[condition.item], (n) => n >= condition.value);
    case 'less_than':
      return compareNumber(answers[condition.item], (n) => n < condition.value);
    case 'at_most':
      return compareNumber(answers[condition.item], (n) => n <= condition.value);
  }
}

/**
 * The items shown for these answers, in order. A condition only sees answers of items that are
 * themselves shown, so hiding an item also hides whatever depended on it.
 */
export function visibleItems<T extends FormItem>(items: readonly T[], answers: Answers): T[] {
  const seen: Record<string, AnswerValue> = {};
  const visible: T[] = [];
  for (const item of items) {
    if (item.relevant && !evaluateCondition(item.relevant, seen)) continue;
    visible.push(item);
    const value = answers[item.id];
    if (value !== undefined) seen[item.id] = value;
  }
  return visible;
}

/** Only the answers of shown items, and only real answers: what a finalised record keeps. */
export function keptAnswers(items: readonly FormItem[], answers: Answers): Record<string, AnswerValue> {
  const kept: Record<string, AnswerValue> = {};
  for (const item of visibleItems(items, answers)) {
    const value = answers[item.id];
    if (isAnswered(value)) kept[item.id] = typeof value === 'string' ? value.trim() : value;
  }
  return kept;
}

/** Why an answer is not acceptable; the UI turns the code and params into a message. */
export type AnswerIssue =
  | { code: 'required' }
  | { code: 'wrong_type' }
  | { code: 'unknown_option' }
  | { code: 'not_integer' }
  | { code: 'below_min'; min: number }
  | { code: 'above_max'; max: number }
  | { code: 'too_few'; min: number }
  | { code: 'too_many'; max: number }
  | { code: 'too_long'; max: number }
  | { code: 'pattern' }
  | { code: 'unfinished' };

function optionIdsOf(item: FormItem): readonly string[] {
  if (item.kind === 'satisfaction') return item.allowNoOpinion === false ? satisfactionOptionIds.filter((id) => id !== noOpinion) : satisfactionOptionIds;
  return (item.options ?? []).map((option) => option.id);
}

/** A whole-value match of a pattern written in the definition; `u` so that CJK counts as characters. */
export function matchesPattern(pattern: string, text: string): boolean {
  return new RegExp(`^(?:${pattern})$`, 'u').test(text);
}

const dayPattern = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const clockPattern = /^([01]\d|2[0-3]):[0-5]\d$/;

function checkNumber(value: number, constraints: Constraints): AnswerIssue | undefined {
  if (constraints.integer && !Number.isInteger(value)) return { code: 'not_integer' };
  if (constraints.min !== undefined && value < constraints.min) return { code: 'below_min', min: constraints.min };
  if (constraints.max !== undefined && value > constraints.max) return { code: 'above_max', max: constraints.max };
  return undefined;
}

/** The first problem with one item's answer, or undefined when it is acceptable. */
export function checkAnswer(item: FormItem, value: AnswerValue | undefined): AnswerIssue | undefined {
  const constraints = item.constraints ?? {};
  if (!isAnswered(value)) return constraints.required ? { code: 'required' } : undefined;
  switch (item.kind) {
    case 'satisfaction':
    case 'single_choice':
      if (typeof value !== 'string') return { code: 'wrong_type' };
      return optionIdsOf(item).includes(value) ? undefined : { code: 'unknown_option' };
    case 'multiple_choice': {
      if (!Array.isArray(value)) return { code: 'wrong_type' };
      const known = optionIdsOf(item);
      if (value.some((id) => !known.includes(id)) || new Set(value).size !== value.length) return { code: 'unknown_option' };
      if (constraints.minSelections !== undefined && value.length < constraints.minSelections) return { code: 'too_few', min: constraints.minSelections };
      if (constraints.maxSelections !== undefined && value.length > constraints.maxSelections) return { code: 'too_many', max: constraints.maxSelections };
      return undefined;
    }
    case 'yes_no':
      return typeof value === 'boolean' ? undefined : { code: 'wrong_type' };
    case 'custom':
      if (value === unfinishedEntry) return { code: 'unfinished' };
      return typeof value === 'number' ? checkNumber(value, constraints) : { code: 'wrong_type' };
    case 'number':
      return typeof value === 'number' ? checkNumber(value, constraints) : { code: 'wrong_type' };
    case 'date':
      return typeof value === 'string' && dayPattern.test(value) ? undefined : { code: 'wrong_type' };
    case 'time':
      return typeof value === 'string' && clockPattern.test(value) ? undefined : { code: 'wrong_type' };
    case 'short_text':
    case 'long_text': {
      if (typeof value !== 'string') return { code: 'wrong_type' };
      const text = value.trim();
      if (constraints.maxLength !== undefined && [...text].length > constraints.maxLength) return { code: 'too_long', max: constraints.maxLength };
      if (constraints.pattern !== undefined && !matchesPattern(constraints.pattern, text)) return { code: 'pattern' };
      return undefined;
    }
  }
}

/** Every shown item's problem, by item id; hidden items are never checked. */
export function checkAnswers(items: readonly FormItem[], answers: Answers): Record<string, AnswerIssue> {
  const issues: Record<string, AnswerIssue> = {};
  for (const item of visibleItems(items, answers)) {
    const issue = checkAnswer(item, answers[item.id]);
    if (issue) issues[item.id] = issue;
  }
  return issues;
}

/**
 * Where to go from item `index` (an index into all items) in one-question-per-screen mode: the
 * next or previous shown item, or -1 past either end.
 */
export function stepFrom(items: readonly FormItem[], answers: Answers, index: number, direction: 1 | -1): number {
  const shown = new Set(visibleItems(items, answers).map((item) => item.id));
  for (let next = index + direction; next >= 0 && next < items.length; next += direction) {
    if (shown.has(items[next]!.id)) return next;
  }
  return -1;
}

/** The item to show when resuming at `index`: it, if still shown, else the next shown one (or the last). */
export function resumeAt(items: readonly FormItem[], answers: Answers, index: number): number {
  const shown = new Set(visibleItems(items, answers).map((item) => item.id));
  const start = Math.max(0, Math.min(index, items.length - 1));
  for (let next = start; next < items.length; next += 1) if (shown.has(items[next]!.id)) return next;
  for (let previous = start - 1; previous >= 0; previous -= 1) if (shown.has(items[previous]!.id)) return previous;
  return -1;
}
