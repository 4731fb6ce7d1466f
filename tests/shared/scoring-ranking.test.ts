import { describe, expect, it } from 'vitest';
import {
  defaultScoringSettings,
  emptyCellStatistics,
  formatRankInterval,
  funnelLimits,
  funnelOutlier,
  funnelReference,
  momentsOf,
  rankHotIssues,
  rankIntervals,
  scoreUnit,
  significantlyDifferent,
  suppressSmallGroup,
  unitStandings,
  wilsonInterval,
  type CellStatistics,
} from '../../src/shared/scoring';

const settings = defaultScoringSettings();

describe('rank intervals (SCORING.md "Rankings that do not overclaim")', () => {
  // Threshold for two SE-1 units: 1.96 √2 = 2.77. F (SE 5) differs from E only: 1.96 √26 = 9.99.
  const units = [
    { unitId: 'a', score: 90, se: 1 },
    { unitId: 'b', score: 89, se: 1 },
    { unitId: 'c', score: 80, se: 1 },
    { unitId: 'd', score: 79.5, se: 1 },
    { unitId: 'e', score: 70, se: 1 },
    { unitId: 'f', score: 85, se: 5 },
  ];

  it('counts only significant differences', () => {
    expect(significantlyDifferent(units[0]!, units[1]!, 0.95)).toBe(false);
    expect(significantlyDifferent(units[0]!, units[2]!, 0.95)).toBe(true);
    expect(significantlyDifferent({ unitId: 'x', score: 82.77, se: 1 }, { unitId: 'y', score: 80, se: 1 }, 0.95)).toBe(false);
    expect(significantlyDifferent({ unitId: 'x', score: 82.78, se: 1 }, { unitId: 'y', score: 80, se: 1 }, 0.95)).toBe(true);
  });

  it('gives best = 1 + units significantly better and worst = N − units significantly worse, shown as ties', () => {
    // A unit with too few responses has no score, no rank and does not count in N.
    const intervals = rankIntervals([...units, { unitId: 'g', score: null, se: null }], 0.95);
    expect(intervals.map((interval) => [interval.unitId, formatRankInterval(interval)])).toEqual([
      ['a', '1–3'],
      ['b', '1–3'],
      ['f', '1–5'],
      ['c', '3–5'],
      ['d', '3–5'],
      ['e', '6'],
    ]);
  });

  it('gives a strict order when every pair differs', () => {
    const clear = [70, 90, 80].map((score, index) => ({ unitId: `u${index}`, score, se: 0.5 }));
    expect(rankIntervals(clear, 0.95).map((interval) => [interval.unitId, interval.best, interval.worst])).toEqual([
      ['u1', 1, 1],
      ['u2', 2, 2],
      ['u0', 3, 3],
    ]);
  });
});

describe('funnel limits (Spiegelhalter 2005)', () => {
  // Unit 1: 80, 90 (Σ(s − m)² = 50); unit 2: 70, 70, 100 (600). Target 410/5 = 82, σ = √(650/3).
  const reference = funnelReference([momentsOf([80, 90]), momentsOf([70, 70, 100]), momentsOf([])]);

  it('centres on the district mean of respondent scores, with the pooled within-unit SD', () => {
    expect(reference?.target).toBe(82);
    expect(reference?.sigma).toBeCloseTo(Math.sqrt(650 / 3), 12);
    expect(funnelReference([momentsOf([80]), momentsOf([90])])).toBeNull();
  });

  it('puts the limits at ±1.96 σ/√n and ±3.09 σ/√n and flags units beyond the outer ones', () => {
    const limits = funnelLimits(reference!, 100, settings);
    const spread = Math.sqrt(650 / 3) / 10;
    expect(limits.inner.high).toBeCloseTo(82 + 1.96 * spread, 2);
    expect(limits.outer.low).toBeCloseTo(82 - 3.09 * spread, 2);
    expect(limits.outer.high).toBeCloseTo(86.549, 3);
    expect(funnelOutlier(86.6, 100, reference!, settings)).toBe('above');
    expect(funnelOutlier(77.4, 100, reference!, settings)).toBe('below');
    expect(funnelOutlier(86.5, 100, reference!, settings)).toBeNull();
    // The same score is no outlier for a small unit: the funnel widens as n shrinks.
    expect(funnelOutlier(77.4, 4, reference!, settings)).toBeNull();
  });
});

describe('standings of peer units', () => {
  /** One field/elderly cell of n respondents with the given mean and SD: Σs² = (n−1)sd² + (Σs)²/n. */
  function unitOf(unitId: string, n: number, mean: number, sd: number) {
    const statistics: CellStatistics = { ...emptyCellStatistics(), respondents: n, overall: { n, sum: n * mean, sumSq: (n - 1) * sd * sd + n * mean * mean } };
    return { unitId, statistics, scores: scoreUnit([{ channel: 'field', audience: 'elderly', statistics }], 0, settings) };
  }

  it('rank the scored units and flag funnel outliers against the district mean and pooled SD', () => {
    // SE 0.5 each, so every pair differs. Target 26350/301 = 87.54, σ = 5, outer limits at n = 100: 87.54 ± 1.55.
    const standings = unitStandings([unitOf('a', 100, 95, 5), unitOf('b', 100, 80, 5), unitOf('c', 1, 50, 0), unitOf('d', 100, 88, 5)], settings);
    expect(standings.funnel?.target).toBeCloseTo(26350 / 301, 10);
    expect(standings.funnel?.sigma).toBeCloseTo(5, 10);
    expect(standings.units).toEqual([
      { unitId: 'a', rankBest: 1, rankWorst: 1, rankLabel: '1', outlier: 'above' },
      { unitId: 'b', rankBest: 3, rankWorst: 3, rankLabel: '3', outlier: 'below' },
      { unitId: 'c', rankBest: null, rankWorst: null, rankLabel: null, outlier: null },
      { unitId: 'd', rankBest: 2, rankWorst: 2, rankLabel: '2', outlier: null },
    ]);
  });
});

describe('proportions with Wilson intervals', () => {
  it('match the textbook values and stay inside [0, 1] at the edges', () => {
    const half = wilsonInterval({ trials: 10, hits: 5 }, 0.95)!;
    expect([half.ciLow, half.ciHigh].map((bound) => bound.toFixed(4))).toEqual(['0.2366', '0.7634']);
    const none = wilsonInterval({ trials: 10, hits: 0 }, 0.95)!;
    expect(none.ciLow).toBe(0);
    expect(none.ciHigh).toBeCloseTo(0.2775, 4);
    expect(wilsonInterval({ trials: 10, hits: 10 }, 0.95)!.ciHigh).toBe(1);
    expect(wilsonInterval({ trials: 0, hits: 0 }, 0.95)).toBeNull();
  });

  it('rank hot issues by count, ties by id, leaving out choices nobody made', () => {
    const ranked = rankHotIssues({ asked: 20, choices: { other: 3, ev_charging: 8, noise_fumes: 3, prepaid_cards: 0 } }, 0.95);
    expect(ranked.map((issue) => [issue.choiceId, issue.hits, issue.share])).toEqual([
      ['ev_charging', 8, 0.4],
      ['noise_fumes', 3, 0.15],
      ['other', 3, 0.15],
    ]);
  });
});

describe('k-suppression for public output', () => {
  it('hides every figure of a group under the round’s minimum, keeping only "fewer than 10"', () => {
    const group = { unitId: 'c01', n: 9, score: 97.2, ciLow: 93, ciHigh: 100 };
    expect(suppressSmallGroup(group, settings.publicMinimumGroupSize)).toEqual({ suppressed: true, fewerThan: 10 });
    expect(suppressSmallGroup({ ...group, n: 10 }, settings.publicMinimumGroupSize)).toEqual({ ...group, n: 10, suppressed: false });
    expect(suppressSmallGroup({ ...group, n: 9 }, 5)).toEqual({ ...group, suppressed: false });
  });
});
