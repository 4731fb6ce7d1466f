import { z } from 'zod/mini';
import { itemIdSchema } from '../records/fields';

/**
 * A generic form: items of a few kinds, shown or skipped by declarative `relevant` conditions and
 * checked by declarative constraints. Questionnaires build on it; so can the deliberation log.
 * Conditions and constraints are data read by the interpreter in `logic.ts`, never code.
 */

/** Bounds of a form definition, so that one stored or imported definition stays small. */
export const formLimits = { textLength: 2000, options: 100, conditionTerms: 100, items: 500 } as const;

export const localizedTextSchema = z.object({
  zh: z.string().check(z.minLength(1, 'must not be empty'), z.maxLength(formLimits.textLength, `at most ${formLimits.textLength} characters`)),
  en: z.string().check(z.minLength(1, 'must not be empty'), z.maxLength(formLimits.textLength, `at most ${formLimits.textLength} characters`)),
});
export type LocalizedText = z.infer<typeof localizedTextSchema>;

/** Defined with the record fields, since a response's answers are keyed by it. */
export { itemIdSchema };

export const itemKinds = ['satisfaction', 'single_choice', 'multiple_choice', 'yes_no', 'number', 'short_text', 'long_text'] as const;
export const itemKindSchema = z.enum(itemKinds);
export type ItemKind = z.infer<typeof itemKindSchema>;

/** A value a condition compares an answer with. */
const scalarSchema = z.union([z.string().check(z.maxLength(200)), z.number(), z.boolean()]);
export type Scalar = z.infer<typeof scalarSchema>;

/** When an item is shown: a small, closed language over earlier answers. */
export type Condition =
  | { op: 'answered'; item: string }
  | { op: 'equals'; item: string; value: Scalar }
  | { op: 'not_equals'; item: string; value: Scalar }
  | { op: 'one_of'; item: string; values: Scalar[] }
  | { op: 'includes'; item: string; value: string }
  | { op: 'greater_than' | 'at_least' | 'less_than' | 'at_most'; item: string; value: number }
  | { op: 'all' | 'any'; conditions: Condition[] }
  | { op: 'not'; condition: Condition };

export const conditionSchema: z.ZodMiniType<Condition> = z.union([
  z.object({ op: z.literal('answered'), item: itemIdSchema }),
  z.object({ op: z.enum(['equals', 'not_equals']), item: itemIdSchema, value: scalarSchema }),
  z.object({ op: z.literal('one_of'), item: itemIdSchema, values: z.array(scalarSchema).check(z.minLength(1), z.maxLength(formLimits.options, `at most ${formLimits.options} options`)) }),
  z.object({ op: z.literal('includes'), item: itemIdSchema, value: z.string().check(z.maxLength(200)) }),
  z.object({ op: z.enum(['greater_than', 'at_least', 'less_than', 'at_most']), item: itemIdSchema, value: z.number() }),
  z.object({
    op: z.enum(['all', 'any']),
    get conditions(): z.ZodMiniArray<z.ZodMiniType<Condition>> {
      return z.array(conditionSchema).check(z.minLength(1), z.maxLength(formLimits.conditionTerms, `at most ${formLimits.conditionTerms} conditions`));
    },
  }),
  z.object({
    op: z.literal('not'),
    get condition(): z.ZodMiniType<Condition> {
      return conditionSchema;
    },
  }),
]);

/** Checks on an answer; each applies to the kinds it makes sense for (see `logic.ts`). */
export const constraintsSchema = z.object({
  required: z.optional(z.boolean()),
  /** number: inclusive bounds */
  min: z.optional(z.number()),
  max: z.optional(z.number()),
  integer: z.optional(z.boolean()),
  /** multiple choice */
  minSelections: z.optional(z.int().check(z.positive())),
  maxSelections: z.optional(z.int().check(z.positive())),
  /** texts: length in characters and a whole-value pattern (a RegExp source, matched, never run as code) */
  maxLength: z.optional(z.int().check(z.positive())),
  pattern: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
  /** what to tell the user when the pattern does not match */
  patternMessage: z.optional(localizedTextSchema),
});
export type Constraints = z.infer<typeof constraintsSchema>;

export const choiceOptionSchema = z.object({
  id: itemIdSchema,
  label: localizedTextSchema,
});
export type ChoiceOption = z.infer<typeof choiceOptionSchema>;

/** The fields every form item has, whatever form it belongs to. */
export const formItemFields = {
  id: itemIdSchema,
  kind: itemKindSchema,
  text: localizedTextSchema,
  /** A plainer or longer explanation shown under the question. */
  help: z.optional(localizedTextSchema),
  /** single and multiple choice; satisfaction items use the shared scale instead */
  options: z.optional(z.array(choiceOptionSchema).check(z.minLength(1), z.maxLength(formLimits.options, `at most ${formLimits.options} options`))),
  /** satisfaction: whether "no opinion" is offered (it is unless this is false) */
  allowNoOpinion: z.optional(z.boolean()),
  relevant: z.optional(conditionSchema),
  constraints: z.optional(constraintsSchema),
};

/**
 * Kinds a form other than a questionnaire may use besides the questionnaire's: a calendar day
 * (YYYY-MM-DD), a clock time (HH:MM), and `custom`, an item whose control the form's page supplies
 * (a repeat group, photos). A custom item's answer is how many entries it holds, so that the
 * interpreter shows, skips and checks it (required, min, max) like any other item; or
 * `unfinishedEntry` while an entry is begun and not finished (an action without its date), which
 * the interpreter asks for like a missing answer.
 */
export const formItemKinds = [...itemKinds, 'date', 'time', 'custom'] as const;

/** A custom item's answer while one of its entries is begun but not finished. */
export const unfinishedEntry = 'unfinished';
export type FormItemKind = (typeof formItemKinds)[number];

export const formItemSchema = z.object({ ...formItemFields, kind: z.enum(formItemKinds) });
export type FormItem = z.infer<typeof formItemSchema>;

/** What a form's answers look like: item id → option id, option ids, number, text or yes/no. */
export type AnswerValue = string | string[] | number | boolean;
export type Answers = Readonly<Record<string, AnswerValue>>;
