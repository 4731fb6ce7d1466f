import { z } from 'zod/mini';
import framework from '../reference/evaluation-framework.json';
import { audienceSchema } from '../records';
import { formItemFields, formLimits, localizedTextSchema, type Condition } from './form';
import { matchesPattern } from './logic';

/**
 * A published questionnaire: an id and a version (a published version never changes; an edit is a
 * new version), an audience, and form items tagged with the evaluation framework's dimensions,
 * indicators, evaluation kinds and levels.
 */

export const indicatorIds = framework.dimensions.flatMap((dimension) => dimension.indicators.map((indicator) => indicator.id));
export const evaluationKinds = ['positive', 'negative', 'special'] as const;
export const evaluationLevels = ['subdistrict', 'community', 'social_worker'] as const;

export const evaluationKindSchema = z.enum(evaluationKinds);
export type EvaluationKind = z.infer<typeof evaluationKindSchema>;
export const evaluationLevelSchema = z.enum(evaluationLevels);
export type EvaluationLevel = z.infer<typeof evaluationLevelSchema>;

const indicatorIdSchema = z.string().check(z.refine((id) => indicatorIds.includes(id), 'an indicator id of the evaluation framework'));

export const questionItemSchema = z.object({
  ...formItemFields,
  /** The indicator the item measures; its dimension follows from it. Profile items have none. */
  indicatorId: z.optional(indicatorIdSchema),
  evaluation: evaluationKindSchema,
  level: evaluationLevelSchema,
  /** Special items belong to one sub-district and are only asked there. */
  subdistrictId: z.optional(z.string().check(z.minLength(1), z.maxLength(64))),
});
export type QuestionItem = z.infer<typeof questionItemSchema>;

export const questionnaireIdSchema = z.string().check(z.regex(/^[a-z][a-z0-9-]{0,63}$/, 'lower-case letters, digits and "-"'));

export const questionnaireDefinitionSchema = z
  .object({
    id: questionnaireIdSchema,
    version: z.int().check(z.positive(), z.lte(100_000)),
    audience: audienceSchema,
    title: localizedTextSchema,
    intro: z.optional(localizedTextSchema),
    /** One question per screen, large type, read aloud: on by default for this questionnaire. */
    elderlyMode: z.optional(z.boolean()),
    items: z.array(questionItemSchema).check(z.minLength(1, 'at least one item'), z.maxLength(formLimits.items, `at most ${formLimits.items} items`)),
  })
  .check(
    z.superRefine((definition, context) => {
      for (const problem of definitionProblems(definition)) context.addIssue({ code: 'custom', message: problem.message, path: problem.path, input: definition });
    }),
  );
export type QuestionnaireDefinition = z.infer<typeof questionnaireDefinitionSchema>;

/** The reference id of a published version, as stored on devices: `${id}@${version}`. */
export function questionnaireKey(definition: Pick<QuestionnaireDefinition, 'id' | 'version'>): string {
  return `${definition.id}@${definition.version}`;
}

interface DefinitionProblem {
  path: PropertyKey[];
  message: string;
}

/** Rules a schema cannot express item by item: unique ids, options where needed, conditions on earlier items. */
export function definitionProblems(definition: { items: readonly z.infer<typeof questionItemSchema>[] }): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  const seen = new Set<string>();
  definition.items.forEach((item, index) => {
    const path = ['items', index];
    if (seen.has(item.id)) problems.push({ path: [...path, 'id'], message: `duplicate item id "${item.id}"` });
    const needsOptions = item.kind === 'single_choice' || item.kind === 'multiple_choice';
    if (needsOptions && !item.options) problems.push({ path: [...path, 'options'], message: `${item.kind} item "${item.id}" needs options` });
    if (!needsOptions && item.options) problems.push({ path: [...path, 'options'], message: `${item.kind} item "${item.id}" takes no options` });
    const optionIds = (item.options ?? []).map((option) => option.id);
    if (new Set(optionIds).size !== optionIds.length) problems.push({ path: [...path, 'options'], message: `duplicate option id in "${item.id}"` });
    const pattern = item.constraints?.pattern;
    if (pattern !== undefined && !compiles(pattern)) problems.push({ path: [...path, 'constraints', 'pattern'], message: `item "${item.id}" has an invalid pattern` });
    if (item.evaluation === 'special' && !item.subdistrictId) problems.push({ path: [...path, 'subdistrictId'], message: `special item "${item.id}" must name its sub-district` });
    if (item.relevant) {
      for (const referenced of conditionItems(item.relevant)) {
        if (!seen.has(referenced)) problems.push({ path: [...path, 'relevant'], message: `item "${item.id}" depends on "${referenced}", which is not an earlier item` });
      }
    }
    seen.add(item.id);
  });
  return problems;
}

function compiles(pattern: string): boolean {
  try {
    matchesPattern(pattern, '');
    return true;
  } catch {
    return false;
  }
}

/** The items asked in a sub-district: special items of other sub-districts are left out. */
export function itemsForSubdistrict(definition: QuestionnaireDefinition, subdistrictId: string | undefined): QuestionItem[] {
  return definition.items.filter((item) => item.subdistrictId === undefined || item.subdistrictId === subdistrictId);
}

/** Every item id a condition reads. */
export function conditionItems(condition: Condition): string[] {
  switch (condition.op) {
    case 'all':
    case 'any':
      return condition.conditions.flatMap(conditionItems);
    case 'not':
      return conditionItems(condition.condition);
    default:
      return [condition.item];
  }
}
