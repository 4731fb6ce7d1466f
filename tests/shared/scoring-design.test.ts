import { describe, expect, it } from 'vitest';
import { withCellDesigns, type UnitWithCells, type WorkerCell } from '../../src/shared/rounds/scores';
import {
  cellStatisticsOf,
  clusteredMeanVariance,
  defaultScoringSettings,
  emptyCellStatistics,
  estimateMean,
  interviewerDesignEffect,
  interviewerIcc,
  mergeCellStatistics,
  momentsOf,
  scoreUnit,
  studentTCritical,
  type CellStatistics,
  type RespondentScores,
} from '../../src/shared/scoring';

// SCORING.md "Design-based intervals and the funnel", reproduced to the decimals it states.

const settings = defaultScoringSettings();

function respondent(overall: number, special: number | null = null): RespondentScores {
  return { overall, special, indicators: {}, dimensions: {}, levels: {}, answerCounts: {}, hotIssueChoices: null };
}

function communityCell(scores: number[], special: (number | null)[] = []): CellStatistics {
  return cellStatisticsOf(scores.map((score, index) => respondent(score, special[index] ?? null)));
}

describe('a sub-district’s field cell with its communities as clusters (worked example)', () => {
  const clusters = [communityCell([90, 94]), communityCell([80, 84]), communityCell([88, 92])];
  const cell = clusters.reduce(mergeCellStatistics, emptyCellStatistics());
  const unit = scoreUnit([{ channel: 'field', audience: 'elderly', statistics: cell, design: { kind: 'clustered', clusters, fallbackDesignEffect: 1 } }], 0, settings);

  it('gives m 88, e 8, −12, 4, V = 1.5 × 224 / 36 = 9.3333, SE 3.0551 against SRS 2.1292', () => {
    expect(clusteredMeanVariance(clusters.map((c) => c.overall))!.toFixed(4)).toBe('9.3333');
    const estimate = estimateMean(cell.overall, settings.confidenceLevel, { kind: 'clustered', clusters: clusters.map((c) => c.overall), fallbackDesignEffect: 1 });
    expect(estimate.status).toBe('estimated');
    if (estimate.status !== 'estimated') return;
    expect(estimate.mean).toBe(88);
    expect(estimate.se.toFixed(4)).toBe('3.0551');
    expect(estimate.seSrs.toFixed(4)).toBe('2.1292');
  });

  it('has design effect 2.0588 and effective n 2.914', () => {
    expect(unit.designEffect!.toFixed(4)).toBe('2.0588');
    expect(unit.effectiveN!.toFixed(3)).toBe('2.914');
  });

  it('takes t(0.975, C − 1 = 2) = 4.3027 for the cell’s interval, clipped at 100', () => {
    expect(studentTCritical(0.95, 2).toFixed(4)).toBe('4.3027');
    const estimate = unit.cells[0]!;
    expect(estimate.status).toBe('estimated');
    if (estimate.status !== 'estimated') return;
    // 88 − 4.3027 × 3.0551 = 74.855: SCORING.md prints 74.85, which is 74.8552 cut, not rounded.
    expect(estimate.ciLow).toBeCloseTo(74.8552, 4);
    expect(estimate.ciHigh).toBe(100);
  });

  it('falls back to the interviewer design effect when fewer than two communities answered', () => {
    const single = [communityCell([90, 94, 80, 84])];
    const estimate = estimateMean(single[0]!.overall, settings.confidenceLevel, { kind: 'clustered', clusters: single.map((c) => c.overall), fallbackDesignEffect: 2.5 });
    if (estimate.status !== 'estimated') throw new Error('estimated');
    expect(estimate.se).toBeCloseTo(estimate.seSrs * Math.sqrt(2.5), 12);
    expect(estimate.ciLow).toBeCloseTo(87 - studentTCritical(0.95, 3) * estimate.se, 10);
  });
});

describe('a community’s field cell with the interviewer design effect', () => {
  it('computes W3’s worked example ICC = 146/158 = 0.9241', () => {
    expect(interviewerIcc([momentsOf([90, 92, 94]), momentsOf([80, 82, 84])], 3).toFixed(4)).toBe('0.9241');
    // Below the minimum interviews, or a single worker: not estimable, 0.
    expect(interviewerIcc([momentsOf([90, 92, 94]), momentsOf([80, 82, 84])], 5)).toBe(0);
    expect(interviewerIcc([momentsOf([90, 92, 94, 96, 98])], 5)).toBe(0);
    // Workers who differ less than their interviews do: negative, shown as 0.
    expect(interviewerIcc([momentsOf([80, 100, 90, 85, 95]), momentsOf([81, 99, 90, 86, 94])], 5)).toBe(0);
  });

  it('scales SE_srs by √(1 + (b̄ − 1)·ρ)', () => {
    expect(interviewerDesignEffect(30, 3, 0.05)).toBeCloseTo(1.45, 12);
    expect(interviewerDesignEffect(0, 0, 0.05)).toBe(1);
    const cell = communityCell([90, 92, 94, 80, 82, 84]);
    const unit = scoreUnit([{ channel: 'field', audience: 'elderly', statistics: cell, design: { kind: 'interviewer', designEffect: 1.45 } }], 0, settings);
    expect(unit.designEffect).toBeCloseTo(1.45, 12);
    expect(unit.effectiveN).toBeCloseTo(6 / 1.45, 12);
  });

  it('gives each community cell b̄ from its own workers and ρ from the district’s', () => {
    // Two workers of 5 each in c1 (ρ from them); c2 one worker of 4.
    const a = [90, 92, 94, 91, 93];
    const b = [80, 82, 84, 81, 83];
    const workers: WorkerCell[] = [
      { communityId: 'c1', audience: 'elderly', workerId: 'w1', moments: momentsOf(a) },
      { communityId: 'c1', audience: 'elderly', workerId: 'w2', moments: momentsOf(b) },
      { communityId: 'c2', audience: 'elderly', workerId: 'w3', moments: momentsOf([85, 86, 87, 88]) },
    ];
    const rho = interviewerIcc([momentsOf(a), momentsOf(b)], 5);
    const units: UnitWithCells[] = ['c1', 'c2'].map((id) => ({ unitId: id, name: id, subdistrictId: 's', cells: [{ channel: 'field', audience: 'elderly', statistics: communityCell(id === 'c1' ? [...a, ...b] : [85, 86, 87, 88]) }, { channel: 'online', audience: 'elderly', statistics: communityCell([90, 95]) }] }));
    const designed = withCellDesigns(units, 'community', [], workers);
    expect(designed[0]!.cells[0]!.design).toEqual({ kind: 'interviewer', designEffect: 1 + (5 - 1) * rho });
    expect(designed[1]!.cells[0]!.design).toEqual({ kind: 'interviewer', designEffect: 1 + (4 - 1) * rho });
    expect(designed[0]!.cells[1]!.design).toBeUndefined();
  });
});

describe('the special-indicator part combined with its covariance', () => {
  const positives = [90, 70, 85, 95, 60, 80];
  const specials = [100, 60, 80, 100, 50, 85];
  const combined = positives.map((p, i) => 0.9 * p + 0.1 * specials[i]!);
  const sampleSd = (values: number[]) => {
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    return Math.sqrt(values.reduce((sum, v) => sum + (v - mean) ** 2, 0) / (values.length - 1));
  };

  it('equals, when every respondent answered both, the SE of their 0.9·s + 0.1·s′ (not the sum of the two SEs)', () => {
    const cell = communityCell(positives, specials);
    const unit = scoreUnit([{ channel: 'online', audience: 'adult', statistics: cell }], 0, settings);
    expect(unit.se).toBeCloseTo(sampleSd(combined) / Math.sqrt(6), 10);
    const positiveSe = sampleSd(positives) / Math.sqrt(6);
    const specialSe = sampleSd(specials) / Math.sqrt(6);
    expect(unit.se).toBeLessThan(0.9 * positiveSe + 0.1 * specialSe);
  });

  it('with communities as clusters, equals the clustered variance of 0.9·s + 0.1·s′', () => {
    const clusters = [communityCell(positives.slice(0, 2), specials.slice(0, 2)), communityCell(positives.slice(2, 4), specials.slice(2, 4)), communityCell(positives.slice(4), specials.slice(4))];
    const cell = clusters.reduce(mergeCellStatistics, emptyCellStatistics());
    const unit = scoreUnit([{ channel: 'field', audience: 'elderly', statistics: cell, design: { kind: 'clustered', clusters, fallbackDesignEffect: 1 } }], 0, settings);
    const combinedClusters = [combined.slice(0, 2), combined.slice(2, 4), combined.slice(4)].map(momentsOf);
    expect(unit.se).toBeCloseTo(Math.sqrt(clusteredMeanVariance(combinedClusters)!), 10);
    expect(unit.designEffect).toBeCloseTo(clusteredMeanVariance(combinedClusters)! / (sampleSd(combined) ** 2 / 6), 10);
  });
});
