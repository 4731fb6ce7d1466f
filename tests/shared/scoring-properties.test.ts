import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Answers } from '../../src/shared/questionnaire/form';
import { defaultQuestionnaires } from '../../src/server/demo/templates';
import {
  addRespondent,
  cellStatisticsOf,
  defaultScoringSettings,
  emptyCellStatistics,
  estimateMean,
  mergeCellStatistics,
  removeRespondent,
  scoreRespondent,
  type CellStatistics,
  type RespondentScores,
} from '../../src/shared/scoring';

// What the server relies on: statistics kept incrementally, in any order and any
// partition (cells, transactions, database shards), equal those computed from the raw scores.

const settings = defaultScoringSettings();
const scaleIds = settings.scale.map((entry) => entry.optionId);
const hotIssueIds = ['environment_cleanup', 'old_estate_renovation', 'property_management', 'illegal_structures', 'ev_charging', 'noise_fumes', 'other'];

/** A response to one of the default questionnaires: each satisfaction item answered on the scale or skipped. */
const respondentArbitrary: fc.Arbitrary<RespondentScores> = fc
  .record({
    questionnaire: fc.constantFrom(...defaultQuestionnaires),
    picks: fc.array(fc.nat({ max: scaleIds.length }), { minLength: 25, maxLength: 25 }),
    concerns: fc.option(fc.subarray(hotIssueIds, { maxLength: 3 })),
  })
  .map(({ questionnaire, picks, concerns }) => {
    const answers: Record<string, Answers[string]> = {};
    questionnaire.items
      .filter((item) => item.kind === 'satisfaction')
      .forEach((item, index) => {
        const option = scaleIds[picks[index] ?? scaleIds.length];
        if (option !== undefined) answers[item.id] = option;
      });
    if (concerns !== null) answers.concerns = concerns;
    return scoreRespondent(questionnaire, answers, settings);
  });

/** Where two statistics differ: keys anywhere, or numbers beyond rounding in the order of summation. */
function differences(actual: unknown, expected: unknown, path = 'statistics'): string[] {
  if (typeof expected === 'number') {
    const close = typeof actual === 'number' && Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected));
    return close ? [] : [`${path}: ${String(actual)} ≠ ${expected}`];
  }
  const actualRecord = actual as Record<string, unknown>;
  const keys = new Set([...Object.keys(actualRecord), ...Object.keys(expected as object)]);
  return [...keys].flatMap((key) => differences(actualRecord[key], (expected as Record<string, unknown>)[key], `${path}.${key}`));
}

function expectSameStatistics(actual: CellStatistics, expected: CellStatistics): void {
  expect(differences(actual, expected)).toEqual([]);
}

/** Merges partial statistics as a random binary tree: any grouping and any order. */
function mergeInRandomTree(parts: CellStatistics[], choices: readonly number[]): CellStatistics {
  const pending = [...parts];
  let step = 0;
  while (pending.length > 1) {
    const first = pending.splice((choices[step++ % choices.length] ?? 0) % pending.length, 1)[0]!;
    const second = pending.splice((choices[step++ % choices.length] ?? 0) % pending.length, 1)[0]!;
    pending.push(mergeCellStatistics(second, first));
  }
  return pending[0] ?? emptyCellStatistics();
}

describe('cell statistics kept incrementally', () => {
  it('merged over any partition in any order equal the statistics of all respondents at once', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(respondentArbitrary, fc.nat({ max: 5 })), { maxLength: 40 }), fc.array(fc.nat(), { minLength: 1, maxLength: 12 }), (assigned, choices) => {
        const parts = [0, 1, 2, 3, 4, 5].map((part) => cellStatisticsOf(assigned.filter(([, group]) => group === part).map(([scores]) => scores)));
        const whole = cellStatisticsOf(assigned.map(([scores]) => scores));
        expectSameStatistics(mergeInRandomTree(parts, choices), whole);
      }),
      { numRuns: 200 },
    );
  });

  it('give the mean and sample SD of the raw respondent scores', () => {
    fc.assert(
      fc.property(fc.array(respondentArbitrary, { maxLength: 60 }), (respondents) => {
        const scores = respondents.flatMap((respondent) => (respondent.overall === null ? [] : [respondent.overall]));
        const estimate = estimateMean(cellStatisticsOf(respondents).overall, settings.confidenceLevel);
        expect(estimate.n).toBe(scores.length);
        if (scores.length < 2) {
          expect(estimate.status).toBe('too_few');
          return;
        }
        const mean = scores.reduce((total, score) => total + score, 0) / scores.length;
        const sd = Math.sqrt(scores.reduce((total, score) => total + (score - mean) ** 2, 0) / (scores.length - 1));
        if (estimate.status !== 'estimated') throw new Error('expected an estimate');
        expect(estimate.mean).toBeCloseTo(mean, 9);
        // One-pass sums (kept so that respondents can be added and removed) lose about 1e-16 of Σs² to
        // rounding: when every score is equal the SD is then √(that ÷ (n − 1)), not 0. Compare variances on that scale.
        const sumOfSquares = scores.reduce((total, score) => total + score * score, 0);
        expect(Math.abs(estimate.sd ** 2 - sd ** 2)).toBeLessThanOrEqual(1e-13 * sumOfSquares);
      }),
      { numRuns: 200 },
    );
  });

  it('after removing some respondents equal the statistics of those left', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(respondentArbitrary, fc.boolean()), { maxLength: 40 }), (marked) => {
        const all = cellStatisticsOf(marked.map(([scores]) => scores));
        const afterRemoval = marked.filter(([, removed]) => removed).reduce((statistics, [scores]) => removeRespondent(statistics, scores), all);
        expectSameStatistics(afterRemoval, cellStatisticsOf(marked.filter(([, removed]) => !removed).map(([scores]) => scores)));
      }),
      { numRuns: 200 },
    );
  });

  it('refuse to remove a respondent from an empty cell', () => {
    const one = scoreRespondent(defaultQuestionnaires[0]!, {}, settings);
    expect(() => removeRespondent(emptyCellStatistics(), one)).toThrow(RangeError);
    expect(removeRespondent(addRespondent(emptyCellStatistics(), one), one)).toEqual(emptyCellStatistics());
  });
});
