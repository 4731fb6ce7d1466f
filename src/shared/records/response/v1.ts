import { z } from 'zod/mini';
import { boundedText, finalisedAfterCreated, itemIdSchema, provenance, referenceId, roundIdSchema } from '../fields';
import { blobHashesAt, type BlobField } from '../version';

export const audiences = ['elderly', 'adult', 'work_unit'] as const;
export const audienceSchema = z.enum(audiences);
export type Audience = z.infer<typeof audienceSchema>;

/** Limits on one response's answers: far above any questionnaire, far below what would hurt. */
export const answerLimits = { items: 300, textLength: 2000, selections: 50 } as const;

/** An answer: an option id, several, a number, a text, or a yes/no. */
export const answerValueSchema = z.union([
  boundedText(answerLimits.textLength),
  z.array(itemIdSchema).check(z.maxLength(answerLimits.selections)),
  z.number(),
  z.boolean(),
]);
export type AnswerValue = z.infer<typeof answerValueSchema>;

/** What the resident answered; it does not carry the household's address. */
export const schema = z
  .strictObject({
    ...provenance,
    questionnaireId: referenceId,
    questionnaireVersion: z.int().check(z.positive()),
    audience: audienceSchema,
    communityId: referenceId,
    roundId: roundIdSchema,
    channel: z.enum(['field', 'paper', 'online']),
    answers: z
      .record(itemIdSchema, answerValueSchema)
      .check(z.refine((answers) => Object.keys(answers).length <= answerLimits.items, `at most ${answerLimits.items} answers`)),
  })
  .check(finalisedAfterCreated);

export const blobFields: readonly BlobField[] = [];
export const blobHashes = blobHashesAt(blobFields);
