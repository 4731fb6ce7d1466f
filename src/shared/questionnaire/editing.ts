import { questionnaireDefinitionSchema, type QuestionItem, type QuestionnaireDefinition } from './definition';
import type { Condition, ItemKind } from './form';

/**
 * Editing a questionnaire as data: what the editor page offers for each kind of
 * item, how skip logic is edited as a list of rules, and what is wrong with a definition so far.
 */

/** English is optional while editing: where it is left empty the Chinese text stands for it. */
export function withEnglishFallback<T>(value: T): T {
  if (Array.isArray(value)) return value.map(withEnglishFallback) as T;
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value).map(([key, inner]) => [key, withEnglishFallback(inner)] as const);
  const copy = Object.fromEntries(entries) as Record<string, unknown>;
  if (typeof copy.zh === 'string' && copy.en === '' && Object.keys(copy).length === 2) copy.en = copy.zh;
  return copy as T;
}

const choiceKinds: readonly ItemKind[] = ['single_choice', 'multiple_choice'];
export const needsOptions = (kind: ItemKind): boolean => choiceKinds.includes(kind);

/** A new item with an id not used yet; choice items start with one empty option. */
export function blankItem(kind: ItemKind, usedIds: readonly string[]): QuestionItem {
  let number = usedIds.length + 1;
  while (usedIds.includes(`q${number}`)) number += 1;
  return {
    id: `q${number}`,
    kind,
    text: { zh: '', en: '' },
    evaluation: 'positive',
    level: 'community',
    ...(needsOptions(kind) ? { options: [{ id: 'option_1', label: { zh: '', en: '' } }] } : {}),
  };
}

/** Constraints that make sense for each kind (see logic.ts checkAnswer). */
const constraintsOfKind: Record<ItemKind, readonly string[]> = {
  satisfaction: ['required'],
  single_choice: ['required'],
  yes_no: ['required'],
  multiple_choice: ['required', 'minSelections', 'maxSelections'],
  number: ['required', 'min', 'max', 'integer'],
  short_text: ['required', 'maxLength', 'pattern', 'patternMessage'],
  long_text: ['required', 'maxLength', 'pattern', 'patternMessage'],
};
export const constraintsFor = (kind: ItemKind): readonly string[] => constraintsOfKind[kind];

/** The item as another kind: options kept only where they are asked, constraints only where they apply. */
export function withKind(item: QuestionItem, kind: ItemKind): QuestionItem {
  const { options, allowNoOpinion, constraints, ...rest } = item;
  const kept = Object.fromEntries(Object.entries(constraints ?? {}).filter(([name]) => constraintsOfKind[kind].includes(name)));
  return {
    ...rest,
    kind,
    ...(needsOptions(kind) ? { options: options ?? [{ id: 'option_1', label: { zh: '', en: '' } }] } : {}),
    ...(kind === 'satisfaction' && allowNoOpinion !== undefined ? { allowNoOpinion } : {}),
    ...(Object.keys(kept).length > 0 ? { constraints: kept } : {}),
  };
}

/** One comparison with an earlier answer, as the rule rows of the skip-logic editor show it. */
export type Rule = Exclude<Condition, { op: 'all' | 'any' | 'not' }>;
export type RuleOperator = Rule['op'];
export interface RuleList {
  combinator: 'all' | 'any';
  rules: Rule[];
}

const isRule = (condition: Condition): condition is Rule => condition.op !== 'all' && condition.op !== 'any' && condition.op !== 'not';

/** A condition as rows of rules joined by "all" or "any"; undefined when it nests deeper than the rows can show. */
export function ruleListOf(condition: Condition | undefined): RuleList | undefined {
  if (!condition) return { combinator: 'all', rules: [] };
  if (isRule(condition)) return { combinator: 'all', rules: [condition] };
  if ((condition.op === 'all' || condition.op === 'any') && condition.conditions.every(isRule)) return { combinator: condition.op, rules: condition.conditions as Rule[] };
  return undefined;
}

export function conditionOf(list: RuleList): Condition | undefined {
  if (list.rules.length === 0) return undefined;
  if (list.rules.length === 1) return list.rules[0];
  return { op: list.combinator, conditions: list.rules };
}

/** The comparisons that make sense on an answer of each kind. */
const operatorsOfKind: Record<ItemKind, readonly RuleOperator[]> = {
  satisfaction: ['equals', 'not_equals', 'one_of', 'answered'],
  single_choice: ['equals', 'not_equals', 'one_of', 'answered'],
  multiple_choice: ['includes', 'answered'],
  yes_no: ['equals', 'answered'],
  number: ['equals', 'greater_than', 'at_least', 'less_than', 'at_most', 'answered'],
  short_text: ['answered'],
  long_text: ['answered'],
};
export const operatorsFor = (kind: ItemKind): readonly RuleOperator[] => operatorsOfKind[kind];

/** A rule on `item` with `op`, keeping the value where it still fits. */
export function ruleFor(item: QuestionItem, op: RuleOperator, firstOption: string | undefined, previous?: Rule): Rule {
  const keep = previous && previous.item === item.id ? previous : undefined;
  switch (op) {
    case 'answered':
      return { op, item: item.id };
    case 'includes':
      return { op, item: item.id, value: keep && 'value' in keep && typeof keep.value === 'string' ? keep.value : (firstOption ?? '') };
    case 'one_of':
      return { op, item: item.id, values: keep?.op === 'one_of' ? keep.values : firstOption !== undefined ? [firstOption] : [] };
    case 'equals':
    case 'not_equals':
      if (item.kind === 'yes_no') return { op, item: item.id, value: keep && 'value' in keep && typeof keep.value === 'boolean' ? keep.value : true };
      if (item.kind === 'number') return { op, item: item.id, value: keep && 'value' in keep && typeof keep.value === 'number' ? keep.value : 0 };
      return { op, item: item.id, value: keep && 'value' in keep && typeof keep.value === 'string' ? keep.value : (firstOption ?? '') };
    default:
      return { op, item: item.id, value: keep && 'value' in keep && typeof keep.value === 'number' ? keep.value : 0 };
  }
}

export interface DefinitionIssue {
  /** The item the problem is in, when it is in one. */
  itemIndex: number | undefined;
  /** The schema's issue, its path inside the item (e.g. text, zh): the app says it in words. */
  issue: { code: string; message: string; path: (string | number)[]; origin?: string; minimum?: number; maximum?: number };
}

/** What stops the definition (with English filled in) from being saved, item by item. */
export function definitionIssues(definition: QuestionnaireDefinition): DefinitionIssue[] {
  const parsed = questionnaireDefinitionSchema.safeParse(withEnglishFallback(definition));
  if (parsed.success) return [];
  return parsed.error.issues.map((issue) => {
    const [first, index, ...rest] = issue.path;
    const inItem = first === 'items' && typeof index === 'number';
    const bounds = issue as { origin?: string; minimum?: number | bigint; maximum?: number | bigint };
    return {
      itemIndex: inItem ? index : undefined,
      issue: {
        code: issue.code,
        message: issue.message,
        path: (inItem ? rest : issue.path).map((part) => (typeof part === 'number' ? part : String(part))),
        ...(bounds.origin !== undefined ? { origin: String(bounds.origin) } : {}),
        ...(bounds.minimum !== undefined ? { minimum: Number(bounds.minimum) } : {}),
        ...(bounds.maximum !== undefined ? { maximum: Number(bounds.maximum) } : {}),
      },
    };
  });
}
