import { z } from 'zod/mini';
import { roundIdSchema } from '../organisation';
import { audienceSchema, type Audience } from '../records';
import { localizedTextSchema } from './form';
import { questionnaireDefinitionSchema, questionnaireIdSchema, questionnaireKey, type QuestionnaireDefinition } from './definition';

/**
 * Questionnaire versions as the office edits them: a version is a draft until it
 * is published, and a published version never changes; editing it makes the next version. Devices
 * only ever receive published versions; a round names, per audience, the version it uses.
 */

export const questionnaireVersionStates = ['draft', 'published'] as const;
export const questionnaireVersionStateSchema = z.enum(questionnaireVersionStates);
export type QuestionnaireVersionState = z.infer<typeof questionnaireVersionStateSchema>;

const isoTime = z.string().check(z.maxLength(40));

export const questionnaireVersionSummarySchema = z.object({
  questionnaireId: questionnaireIdSchema,
  version: z.int(),
  state: questionnaireVersionStateSchema,
  audience: audienceSchema,
  title: localizedTextSchema,
  items: z.int(),
  createdAt: isoTime,
  createdBy: z.nullable(z.string().check(z.maxLength(64))),
  publishedAt: z.nullable(isoTime),
  /** The rounds that name this version for its audience. */
  rounds: z.array(roundIdSchema).check(z.maxLength(200)),
});
export type QuestionnaireVersionSummary = z.infer<typeof questionnaireVersionSummarySchema>;

export const questionnaireVersionListSchema = z.object({ versions: z.array(questionnaireVersionSummarySchema).check(z.maxLength(5000)) });

export const questionnaireVersionDetailSchema = z.object({ summary: questionnaireVersionSummarySchema, definition: questionnaireDefinitionSchema });
export type QuestionnaireVersionDetail = z.infer<typeof questionnaireVersionDetailSchema>;

/**
 * A new draft version: its `version` must be the next number (the latest + 1), so that two people
 * editing at once cannot both make "version 2"; the second is told to start from the newer one.
 * A draft with the same number is replaced (saving again while editing).
 */
export const saveQuestionnaireVersionSchema = z.object({ definition: questionnaireDefinitionSchema });

/** Publishing freezes the version; with `roundId`, that round uses it for its audience from now on. */
export const publishQuestionnaireVersionSchema = z.object({ roundId: z.optional(roundIdSchema) });

export const questionnaireVersionParamsSchema = z.object({ questionnaireId: questionnaireIdSchema, version: z.coerce.number().check(z.int(), z.positive()) });

/**
 * The questionnaire a new interview starts with, per audience: the version the round names, or,
 * for an audience the round names none for (or a device without it yet), the newest one held.
 */
export function questionnairesForRound(definitions: readonly QuestionnaireDefinition[], roundKeys: readonly string[] | undefined): Map<Audience, QuestionnaireDefinition> {
  const chosen = new Map<Audience, QuestionnaireDefinition>();
  for (const definition of definitions) {
    const current = chosen.get(definition.audience);
    if (!current || definition.version > current.version) chosen.set(definition.audience, definition);
  }
  const named = new Set(roundKeys ?? []);
  for (const definition of definitions) if (named.has(questionnaireKey(definition))) chosen.set(definition.audience, definition);
  return chosen;
}
