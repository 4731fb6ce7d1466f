import { describe, expect, it } from 'vitest';
import type { Answers } from '../../src/shared/questionnaire/form';
import { defaultQuestionnaires } from '../../src/server/demo/templates';
import {
  addScore,
  cellStatisticsOf,
  defaultScoringSettings,
  emptyCellStatistics,
  emptyMoments,
  estimateMean,
  momentsOf,
  momentsSchema,
  negativeListDeduction,
  removeScore,
  sampleVarianceOf,
  scoreRespondent,
  scoreUnit,
  unitComposite,
  weightedComposite,
  type CellStatistics,
  type CompositeEstimate,
  type UnitCell,
} from '../../src/shared/scoring';

const settings = defaultScoringSettings();
const z = 1.959963984540054;

function cellOf(scores: number[], special: number[] = []): CellStatistics {
  return { ...emptyCellStatistics(), respondents: scores.length, overall: momentsOf(scores), special: momentsOf(special) };
}

describe('cell moments and estimates (SCORING.md step 2)', () => {
  it('call n < 2 "too few to estimate", keeping the single score but claiming no interval', () => {
    expect(estimateMean(emptyMoments, 0.95)).toEqual({ status: 'too_few', n: 0, mean: null });
    expect(estimateMean(momentsOf([85]), 0.95)).toEqual({ status: 'too_few', n: 1, mean: 85 });
  });

  it('clamp a variance that cancellation pushes below 0, and give identical scores SD 0', () => {
    expect(sampleVarianceOf({ n: 3, sum: 3 * 0.1, sumSq: 3 * 0.01 - 1e-17 })).toBe(0);
    const same = estimateMean(momentsOf([70.3, 70.3, 70.3, 70.3]), 0.95);
    expect(same.status === 'estimated' && [same.sd, same.ciLow, same.ciHigh]).toEqual([0, 70.3, 70.3]);
  });

  it('are stored only as a count ≥ 0 with Σs² ≥ 0', () => {
    expect(momentsSchema.safeParse({ n: 2, sum: 170, sumSq: 14500 }).success).toBe(true);
    expect(momentsSchema.safeParse({ n: -1, sum: 0, sumSq: 0 }).success).toBe(false);
    expect(momentsSchema.safeParse({ n: 1.5, sum: 0, sumSq: 0 }).success).toBe(false);
    expect(momentsSchema.safeParse({ n: 1, sum: 90, sumSq: -1 }).success).toBe(false);
  });

  it('return exactly to empty when every score is taken back, and refuse to take back more', () => {
    const moments = [0.1, 0.2, 0.7].reduce(addScore, emptyMoments);
    expect([0.7, 0.1, 0.2].reduce(removeScore, moments)).toEqual(emptyMoments);
    expect(() => removeScore(emptyMoments, 1)).toThrow(RangeError);
  });

  it('clip a cell interval at 100', () => {
    const cell = estimateMean(momentsOf([100, 100, 85]), 0.95);
    // m = 95, sd = √75, SE = 5, t(0.975, 2) = 4.3027: 95 + 21.51 is shown as 100.
    if (cell.status !== 'estimated') throw new Error('expected an estimate');
    expect([cell.mean, cell.ciHigh]).toEqual([95, 100]);
    expect(cell.se).toBeCloseTo(5, 12);
    expect(cell.ciLow).toBeCloseTo(95 - 4.302652729 * 5, 6);
  });
});

describe('unit composites (SCORING.md step 3)', () => {
  it('renormalise cell weights over the cells present and leave out cells with n < 2', () => {
    const cells = [
      { channel: 'field', audience: 'elderly', moments: momentsOf([80, 90]) }, // weight 0.24, m 85, SE 5
      { channel: 'field', audience: 'work_unit', moments: momentsOf([60, 70, 80]) }, // weight 0.12, m 70, SE 5.7735
      { channel: 'online', audience: 'adult', moments: momentsOf([10]) }, // n 1: not used
    ] as const;
    const composite = weightedComposite(cells, settings) as CompositeEstimate;
    expect(composite.status).toBe('estimated');
    expect(composite.score).toBeCloseTo((0.24 * 85 + 0.12 * 70) / 0.36, 10);
    const se = Math.sqrt((2 / 3) ** 2 * 25 + (1 / 3) ** 2 * (100 / 3));
    expect(composite.se).toBeCloseTo(se, 10);
    expect([composite.n, composite.cellsUsed]).toEqual([6, 2]);
    expect(composite.ciLow).toBeCloseTo(80 - z * se, 10);
  });

  it('clip the composite interval at 100', () => {
    const composite = weightedComposite([{ channel: 'online', audience: 'adult', moments: momentsOf([100, 100, 100, 70]) }], settings) as CompositeEstimate;
    // m = 92.5, SE = 7.5: 92.5 + 1.96 × 7.5 = 107.2, shown as 100.
    expect([composite.score, composite.se, composite.ciHigh]).toEqual([92.5, 7.5, 100]);
    expect(composite.ciLow).toBeCloseTo(92.5 - z * 7.5, 10);
  });

  it('give a null score with its reason when no cell has two scored respondents', () => {
    const unit = scoreUnit([{ channel: 'field', audience: 'elderly', statistics: cellOf([90]) }, { channel: 'online', audience: 'adult', statistics: cellOf([80]) }], 0, settings);
    expect(unit).toMatchObject({ score: null, reason: 'no_cell_with_two_scores', n: 2, se: null, ciLow: null, ciHigh: null, parts: { positive: null, special: null, deduction: 0 } });
    expect(unit.cells.map((cell) => cell.status)).toEqual(['too_few', 'too_few']);
  });
});

describe('special indicators and the negative-list deduction', () => {
  it('deduct 0.5 per overdue item, at most 5, and refuse a count that is not a whole number', () => {
    expect([0, 1, 3, 9, 10, 11, 40].map((overdue) => negativeListDeduction(overdue, settings))).toEqual([0, 0.5, 1.5, 4.5, 5, 5, 5]);
    expect(() => negativeListDeduction(-1, settings)).toThrow(RangeError);
    expect(() => negativeListDeduction(1.5, settings)).toThrow(RangeError);
  });

  it('fold special items in at 0.1, subtract the capped deduction, and show the three parts apart', () => {
    const cells: UnitCell[] = [{ channel: 'field', audience: 'elderly', statistics: cellOf([80, 90], [100, 90, 80]) }];
    const unit = scoreUnit(cells, 12, settings);
    // positive 85 (SE 5), special 90 (SE 5.7735): 0.9 × 85 + 0.1 × 90 − 5 = 80.5. No respondent has
    // both here (the cell keeps no pairs), so the two parts' covariance is 0.
    expect(unit.parts).toEqual({ positive: 85, special: 90, deduction: 5 });
    expect(unit.score).toBeCloseTo(80.5, 10);
    const se = Math.sqrt(0.81 * 25 + 0.01 * (100 / 3));
    expect(unit.se).toBeCloseTo(se, 10);
    expect(unit.ciLow).toBeCloseTo(80.5 - z * se, 10);
    expect(unit.ciHigh).toBeCloseTo(80.5 + z * se, 10);
  });

  it('leave the score to the positive part when the unit has no special estimate, but still report the special mean', () => {
    const positive = weightedComposite([{ channel: 'field', audience: 'elderly', moments: momentsOf([80, 90]) }], settings);
    const special = weightedComposite([{ channel: 'field', audience: 'elderly', moments: momentsOf([100]) }], settings);
    expect(unitComposite(positive, special, { covariance: 0, covarianceSrs: 0 }, 1, settings)).toMatchObject({ score: 84.5, parts: { positive: 85, special: null, deduction: 0.5 } });
  });
});

describe('a unit’s breakdown from its respondents', () => {
  const adult = defaultQuestionnaires.find((questionnaire) => questionnaire.audience === 'adult')!;
  const answers: Answers[] = [
    { sat_pb_org_service: 'very_satisfied', sat_ug_environment: 'unsatisfied', concerns: ['ev_charging', 'noise_fumes'] },
    { sat_pb_org_service: 'satisfied', sat_ug_environment: 'very_unsatisfied', concerns: ['ev_charging'] },
    { sat_pb_org_service: 'fair', sat_ug_environment: 'fair', concerns: [] },
    { sat_pb_org_service: 'no_opinion', sat_ug_environment: 'no_opinion' },
  ];
  const respondents = answers.map((given) => scoreRespondent(adult, given, settings));
  const unit = scoreUnit([{ channel: 'online', audience: 'adult', statistics: cellStatisticsOf(respondents) }], 0, settings);

  it('scores indicators, dimensions and evaluation levels the same way as the composite', () => {
    expect(unit.indicators.find((indicator) => indicator.indicatorId === 'pb_org_service')).toMatchObject({ status: 'estimated', n: 3, score: 85 });
    expect(unit.dimensions.find((dimension) => dimension.dimensionId === 'urban_governance')).toMatchObject({ status: 'estimated', n: 3, score: 110 / 3 });
    expect(unit.indicators.find((indicator) => indicator.indicatorId === 'lv_health')).toMatchObject({ status: 'too_few', n: 0 });
    expect(unit.levels.map((level) => [level.level, level.status, level.status === 'estimated' ? level.score : null])).toEqual([
      ['subdistrict', 'estimated', 110 / 3],
      ['community', 'estimated', 85],
      ['social_worker', 'too_few', null],
    ]);
    expect(unit.noOpinionOnly).toBe(1);
    expect(unit.n).toBe(3);
  });

  it('gives dissatisfaction rates with Wilson intervals, per indicator and over all answers', () => {
    const environment = unit.indicators.find((indicator) => indicator.indicatorId === 'ug_environment')?.dissatisfaction;
    expect(environment).toMatchObject({ trials: 3, hits: 2, share: 2 / 3 });
    expect(environment?.ciLow).toBeCloseTo(0.2077, 4);
    expect(environment?.ciHigh).toBeCloseTo(0.9385, 4);
    expect(unit.dissatisfaction).toMatchObject({ trials: 6, hits: 2 });
  });

  it('ranks hot issues by how many of those asked chose them', () => {
    expect(unit.hotIssues.map((issue) => [issue.choiceId, issue.hits, issue.trials])).toEqual([
      ['ev_charging', 2, 4],
      ['noise_fumes', 1, 4],
    ]);
    expect(unit.hotIssues[0]?.share).toBe(0.5);
  });
});
