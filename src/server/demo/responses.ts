import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { v7 as uuidv7 } from 'uuid';
import type { Community } from '../../shared/organisation';
import type { QuestionnaireDefinition } from '../../shared/questionnaire/definition';
import type { Answers } from '../../shared/questionnaire/form';
import { finaliseRecord, type FinalisedRecord } from '../../shared/records';

/**
 * Synthetic responses for demonstrations and benchmarks, drawn from a seeded generator so that the
 * same seed gives the same answers. Each satisfaction answer mixes "very satisfied" with a spread
 * of lower answers in the proportion that makes the unit's expected score its target mean.
 */

export type Random = () => number;

export function seededRandom(seed: number): Random {
  const generator = xoroshiro128plus(seed);
  return () => uniformFloat64(generator);
}

/** The lower answers and their shares; their mean score is 73.5 on the default scale. */
const spread: readonly [string, number][] = [
  ['very_satisfied', 0.3],
  ['satisfied', 0.3],
  ['fair', 0.2],
  ['unsatisfied', 0.1],
  ['very_unsatisfied', 0.1],
];
const spreadMean = 73.5;
const noOpinionShare = 0.03;
const concernIds = ['environment_cleanup', 'old_estate_renovation', 'property_management', 'illegal_structures', 'ev_charging', 'noise_fumes'];

function pick<T>(random: Random, entries: readonly [T, number][]): T {
  let draw = random() * entries.reduce((total, [, weight]) => total + weight, 0);
  for (const [value, weight] of entries) {
    draw -= weight;
    if (draw < 0) return value;
  }
  return entries[entries.length - 1]![0];
}

function satisfactionAnswer(random: Random, targetMean: number): string {
  if (random() < noOpinionShare) return 'no_opinion';
  const spreadShare = Math.min(1, Math.max(0, (100 - targetMean) / (100 - spreadMean)));
  return random() < spreadShare ? pick(random, spread) : 'very_satisfied';
}

/** Answers to a questionnaire: every satisfaction item, the grid-visit gate, up to three concerns. */
export function syntheticAnswers(definition: QuestionnaireDefinition, random: Random, targetMean: number): Answers {
  const answers: Record<string, Answers[string]> = {};
  for (const item of definition.items) {
    if (item.kind === 'satisfaction') answers[item.id] = satisfactionAnswer(random, targetMean);
    else if (item.id === 'grid_visited') answers[item.id] = true;
    else if (item.id === 'concerns') answers[item.id] = concernIds.filter((_, index) => random() < 0.25 / (index + 1));
  }
  return answers;
}

export interface SyntheticResponseSpec {
  community: Community;
  definition: QuestionnaireDefinition;
  channel: 'field' | 'online';
  roundId: string;
  authorId: string;
  targetMean: number;
  finalisedAt: string;
}

export function syntheticResponse(spec: SyntheticResponseSpec, random: Random): FinalisedRecord {
  return finaliseRecord('response', uuidv7(), {
    authorId: spec.authorId,
    deviceId: `synthetic-${spec.channel}`,
    createdAt: spec.finalisedAt,
    finalisedAt: spec.finalisedAt,
    questionnaireId: spec.definition.id,
    questionnaireVersion: spec.definition.version,
    audience: spec.definition.audience,
    communityId: spec.community.id,
    roundId: spec.roundId,
    channel: spec.channel,
    answers: syntheticAnswers(spec.definition, random, spec.targetMean),
  });
}
