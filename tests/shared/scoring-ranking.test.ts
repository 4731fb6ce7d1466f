import { describe, expect, it } from 'vitest';
import {
  changeBetweenRounds,
  defaultScoringSettings,
  formatRankInterval,
  funnelLimits,
  funnelOutlier,
  funnelPoint,
  interpolatedQuantile,
  overdispersedFunnel,
  rankHotIssues,
  rankIntervals,
  significantlyDifferent,
  suppressSmallGroup,
  winsorise,
  wilsonInterval,
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

describe('funnel with over-dispersion (SCORING.md worked example)', () => {
  const target = 97.3;
  const units = [
    { unitId: 'A', score: 96.0, se: 0.3 },
    { unitId: 'B', score: 97.0, se: 0.25 },
    { unitId: 'C', score: 97.5, se: 0.4 },
    { unitId: 'D', score: 99.0, se: 0.35 },
    { unitId: 'E', score: 97.2, se: 0.3 },
  ];
  // σ_d² is any positive variance here: x = σ_d²/SE², so σ_d²/x gives back SE² whatever it is.
  const reference = overdispersedFunnel(units, target, 16)!;
  const point = (unitId: string) => {
    const unit = units.find((candidate) => candidate.unitId === unitId)!;
    return funnelPoint(unit.score, unit.se, reference)!;
  };

  it('winsorises z at the 10th and 90th percentiles and gives φ and τ²', () => {
    const z = units.map((unit) => (unit.score - target) / unit.se);
    expect(z.map((value) => value.toFixed(4))).toEqual(['-4.3333', '-1.2000', '0.5000', '4.8571', '-0.3333']);
    const winsorised = winsorise(z);
    expect(winsorised[0]).toBeCloseTo(-3.08, 4);
    expect(winsorised[3]).toBeCloseTo(3.1143, 4);
    expect(reference.phi.toFixed(4)).toBe('4.1973');
    expect(reference.tau2.toFixed(4)).toBe('0.4136');
  });

  it('puts A’s 99.8% limits at 95.11–99.49 and D’s at 95.04–99.56, and flags neither', () => {
    const a = funnelLimits(reference, point('A').x, settings).outer;
    const d = funnelLimits(reference, point('D').x, settings).outer;
    expect([a.low.toFixed(2), a.high.toFixed(2)]).toEqual(['95.11', '99.49']);
    expect([d.low.toFixed(2), d.high.toFixed(2)]).toEqual(['95.04', '99.56']);
    expect(units.map((unit) => funnelOutlier(point(unit.unitId), reference, settings))).toEqual([null, null, null, null, null]);
  });

  it('without τ² would flag A below and D above', () => {
    const noSpread = { ...reference, tau2: 0 };
    expect(units.map((unit) => funnelOutlier(funnelPoint(unit.score, unit.se, noSpread)!, noSpread, settings))).toEqual(['below', null, null, 'above', null]);
  });

  it('has no τ² when the units spread no more than sampling explains, and no funnel without spread', () => {
    const tight = overdispersedFunnel([{ score: 97.2, se: 0.3 }, { score: 97.4, se: 0.3 }, { score: 97.3, se: 0.3 }], 97.3, 16)!;
    expect(tight.tau2).toBe(0);
    expect(overdispersedFunnel([{ score: 97, se: 0 }], 97, 16)).toBeNull();
    expect(overdispersedFunnel(units, target, 0)).toBeNull();
  });

  it('interpolates quantiles between order statistics', () => {
    expect(interpolatedQuantile([1, 2, 3, 4, 5], 0.1)).toBeCloseTo(1.4, 12);
    expect(interpolatedQuantile([1, 2, 3, 4, 5], 0.9)).toBeCloseTo(4.6, 12);
    expect(interpolatedQuantile([7], 0.9)).toBe(7);
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

describe('change between rounds', () => {
  it('gives the difference with its interval from the two independent SEs, and says whether it leaves out 0', () => {
    const change = changeBetweenRounds({ unitId: 'a', score: 97.2, se: 0.3 }, { unitId: 'a', score: 95.7, se: 0.3 }, 0.95)!;
    expect(change.difference).toBeCloseTo(1.5, 10);
    expect(change.ciLow).toBeCloseTo(1.5 - 1.959964 * Math.sqrt(0.18), 5);
    expect(change.ciHigh).toBeCloseTo(1.5 + 1.959964 * Math.sqrt(0.18), 5);
    expect(change.significant).toBe(true);
    expect(changeBetweenRounds({ unitId: 'a', score: 90.5, se: 1 }, { unitId: 'a', score: 90, se: 1 }, 0.95)!.significant).toBe(false);
    expect(changeBetweenRounds({ unitId: 'a', score: 90, se: 1 }, { unitId: 'a', score: null, se: null }, 0.95)).toBeNull();
  });
});
