import type { RecordData } from '../records';
import { itemsForSubdistrict, type QuestionnaireDefinition } from './definition';
import type { Answers } from './form';
import { checkAnswer, checkAnswers, keptAnswers, type AnswerIssue } from './logic';

export interface ResponseContext {
  communityId: string;
  subdistrictId?: string | undefined;
  roundId: string;
  channel: RecordData<'response'>['channel'];
  authorId: string;
  deviceId: string;
  createdAt: string;
  finalisedAt: string;
}

export class IncompleteResponseError extends Error {
  /** Read by the app's error messages (`incomplete_response`). */
  readonly code = 'incomplete_response';
  constructor(readonly issues: Record<string, AnswerIssue>) {
    super(`answers need attention: ${Object.keys(issues).join(', ')}`);
    this.name = 'IncompleteResponseError';
  }
}

/**
 * The data of a finalised response: only the answers of items that were asked, checked against
 * the definition's constraints. It names the questionnaire version and never the household.
 */
export function buildResponseData(definition: QuestionnaireDefinition, answers: Answers, context: ResponseContext): RecordData<'response'> {
  const items = itemsForSubdistrict(definition, context.subdistrictId);
  const issues = checkAnswers(items, answers);
  if (Object.keys(issues).length > 0) throw new IncompleteResponseError(issues);
  return {
    authorId: context.authorId,
    deviceId: context.deviceId,
    createdAt: context.createdAt,
    finalisedAt: context.finalisedAt,
    questionnaireId: definition.id,
    questionnaireVersion: definition.version,
    audience: definition.audience,
    communityId: context.communityId,
    roundId: context.roundId,
    channel: context.channel,
    answers: keptAnswers(items, answers),
  };
}

type Item = QuestionnaireDefinition['items'][number];
/** Per definition object: a push checks thousands of responses against the same few versions. */
const itemsByDefinition = new WeakMap<QuestionnaireDefinition, ReadonlyMap<string, Item>>();

function itemsById(definition: QuestionnaireDefinition): ReadonlyMap<string, Item> {
  let items = itemsByDefinition.get(definition);
  if (!items) itemsByDefinition.set(definition, (items = new Map(definition.items.map((item) => [item.id, item]))));
  return items;
}

/**
 * Why stored answers do not fit the questionnaire version they name: an item it does not have, or a
 * value its item refuses (wrong type, unknown option, out of bounds). Requiredness is the device's
 * concern while asking; here only the answers given are checked.
 */
export function answerProblems(definition: QuestionnaireDefinition, answers: Answers): string[] {
  const items = itemsById(definition);
  return Object.entries(answers).flatMap(([itemId, value]) => {
    const item = items.get(itemId);
    if (!item) return [`data.answers.${itemId}: not an item of ${definition.id} version ${definition.version}`];
    const issue = checkAnswer(item, value);
    return issue ? [`data.answers.${itemId}: ${issue.code}`] : [];
  });
}
