import { describe, expect, it } from 'vitest';
import type { UnitScoresAnswer } from '../../src/shared/rounds/api';
import { pooledCells, pooledHotIssues } from '../../src/shared/rounds/pooled';

const cell = (audience: 'elderly' | 'adult' | 'work_unit', n: number, mean: number | null, sd: number | null) => ({ channel: 'field' as const, audience, n, mean, sd, ciLow: null, ciHigh: null });
const issue = (choiceId: string, trials: number, hits: number) => ({ choiceId, trials, hits, share: hits / trials, ciLow: 0, ciHigh: 1 });
/** Only what pooling reads of a unit's answer. */
const unit = (cells: ReturnType<typeof cell>[], hotIssues: ReturnType<typeof issue>[]) => ({ cells, hotIssues }) as unknown as UnitScoresAnswer;

const units = [
  unit([cell('elderly', 3, 80, 10), cell('adult', 1, 70, null)], [issue('parking', 10, 3), issue('noise', 10, 5)]),
  unit([cell('elderly', 2, 90, 0)], [issue('parking', 5, 4)]),
];

describe('district figures pooled over units', () => {
  it('pool each channel × audience from the cells n, mean and SD, as if the respondents were one group', () => {
    const cells = pooledCells(units, 0.95);
    expect(cells.map(({ channel, audience }) => `${channel}/${audience}`)).toEqual(['field/elderly', 'field/adult', 'field/work_unit', 'online/elderly', 'online/adult', 'online/work_unit']);
    const elderly = cells[0]!;
    // Σs = 240 + 180, Σs² = (2·100 + 3·6400) + (0 + 2·8100): mean 84, variance (35600 − 5·84²) / 4 = 80.
    expect(elderly).toMatchObject({ status: 'estimated', n: 5, mean: 84 });
    expect(elderly.status === 'estimated' && elderly.sd).toBeCloseTo(Math.sqrt(80), 10);
    expect(cells[1]).toMatchObject({ status: 'too_few', n: 1, mean: 70 });
    expect(cells[2]).toMatchObject({ status: 'too_few', n: 0, mean: null });
  });

  it('add the hot issues counts over units, most chosen first, with the shares recomputed', () => {
    const issues = pooledHotIssues(units, 0.95);
    expect(issues.map(({ choiceId, trials, hits }) => ({ choiceId, trials, hits }))).toEqual([
      { choiceId: 'parking', trials: 15, hits: 7 },
      { choiceId: 'noise', trials: 15, hits: 5 },
    ]);
    expect(issues[0]!.share).toBeCloseTo(7 / 15, 12);
    expect(pooledHotIssues([], 0.95)).toEqual([]);
  });
});
