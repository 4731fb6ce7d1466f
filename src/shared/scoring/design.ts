import { mergeMoments, sampleCovarianceOf, sampleVarianceOf, emptyMoments, type JointMoments, type Moments } from './moments';
import type { CellStatistics } from './statistics';

/**
 * How a cell's respondents were drawn, for its standard error (SCORING.md "Design-based
 * intervals"). Residents of one community, or interviewed by one worker, answer alike, so a
 * cell's field respondents carry less information than as many independent draws.
 * - simple: independent draws (online cells);
 * - interviewer: a community's field cell, SE_srs·√deff with deff = 1 + (b̄ − 1)·ρ;
 * - clustered: a sub-district's field cell, its communities' cells as clusters (linearised
 *   variance); with fewer than two communities answering, the interviewer rule (`fallbackDesignEffect`).
 */
export type CellDesign =
  | { kind: 'simple' }
  | { kind: 'interviewer'; designEffect: number }
  | { kind: 'clustered'; clusters: CellStatistics[]; fallbackDesignEffect: number };

/** A cell's design for one of its scores (overall, an indicator, a dimension…): the clusters' moments of that score. */
export type ScoreDesign =
  | { kind: 'simple' }
  | { kind: 'interviewer'; designEffect: number }
  | { kind: 'clustered'; clusters: Moments[]; fallbackDesignEffect: number };

export const simpleDesign: ScoreDesign = Object.freeze({ kind: 'simple' });

export function scoreDesignOf(design: CellDesign | undefined, select: (statistics: CellStatistics) => Moments | undefined): ScoreDesign {
  if (design === undefined || design.kind !== 'clustered') return design ?? simpleDesign;
  return { kind: 'clustered', clusters: design.clusters.map((cluster) => select(cluster) ?? emptyMoments), fallbackDesignEffect: design.fallbackDesignEffect };
}

/** Clusters in which someone has the score: an empty community adds nothing to the variance and is no cluster. */
function answering(clusters: readonly Moments[]): Moments[] {
  return clusters.filter((cluster) => cluster.n > 0);
}

/**
 * V(m) = C/(C−1) · Σ_c e_c² / n², e_c = Σ_{r in c}(s_r − m), from each cluster's n and Σs alone
 * (e_c = Σs_c − n_c·m); null with fewer than two clusters.
 */
export function clusteredMeanVariance(clusters: readonly Moments[]): number | null {
  const present = answering(clusters);
  if (present.length < 2) return null;
  const total = present.reduce(mergeMoments, emptyMoments);
  const mean = total.sum / total.n;
  const squares = present.reduce((sum, cluster) => sum + (cluster.sum - cluster.n * mean) ** 2, 0);
  return ((present.length / (present.length - 1)) * squares) / (total.n * total.n);
}

/**
 * The variance of a cell's mean under its design and the degrees of freedom of its t interval
 * (n − 1, or C − 1 with C clusters). The caller has checked n ≥ 2.
 */
export function designVariance(moments: Moments, design: ScoreDesign): { variance: number; varianceSrs: number; degreesOfFreedom: number } {
  const varianceSrs = (sampleVarianceOf(moments) ?? 0) / moments.n;
  const degreesOfFreedom = moments.n - 1;
  if (design.kind === 'simple') return { variance: varianceSrs, varianceSrs, degreesOfFreedom };
  if (design.kind === 'interviewer') return { variance: varianceSrs * design.designEffect, varianceSrs, degreesOfFreedom };
  const clustered = clusteredMeanVariance(design.clusters);
  if (clustered === null) return { variance: varianceSrs * design.fallbackDesignEffect, varianceSrs, degreesOfFreedom };
  return { variance: clustered, varianceSrs, degreesOfFreedom: answering(design.clusters).length - 1 };
}

/**
 * Cov(m_P, m_S) of a cell's positive and special means. Independent draws: n_both·cov(s, s′)/(n_P·n_S)
 * (SCORING.md "Special indicators"); an interviewer cell scales it by its design effect as it does
 * each variance; communities as clusters: the same linearisation as the variance,
 * C/(C−1)·Σ_c e_c·e′_c/(n_P·n_S), so that the pair's covariance matrix stays one estimate.
 */
export function designCovariance(
  positive: Moments,
  special: Moments,
  joint: JointMoments,
  design: CellDesign | undefined,
): { covariance: number; covarianceSrs: number } {
  const covarianceSrs = positive.n === 0 || special.n === 0 ? 0 : (joint.n * (sampleCovarianceOf(joint) ?? 0)) / (positive.n * special.n);
  if (design === undefined || design.kind === 'simple') return { covariance: covarianceSrs, covarianceSrs };
  if (design.kind === 'interviewer') return { covariance: covarianceSrs * design.designEffect, covarianceSrs };
  const clusters = design.clusters.filter((cluster) => cluster.overall.n > 0 || cluster.special.n > 0);
  if (clusters.length < 2 || positive.n === 0 || special.n === 0) return { covariance: covarianceSrs * design.fallbackDesignEffect, covarianceSrs };
  const meanP = positive.sum / positive.n;
  const meanS = special.sum / special.n;
  const products = clusters.reduce((sum, cluster) => sum + (cluster.overall.sum - cluster.overall.n * meanP) * (cluster.special.sum - cluster.special.n * meanS), 0);
  return { covariance: ((clusters.length / (clusters.length - 1)) * products) / (positive.n * special.n), covarianceSrs };
}

/**
 * The interviewers' intraclass correlation (SCORING.md W3, one-way ANOVA over the workers with at
 * least `minimumInterviews`): ICC = (MSB − MSW) / (MSB + (k₀ − 1)·MSW), k₀ = (N − Σn_j²/N)/(J − 1);
 * 0 when negative or not estimable (fewer than two such workers, no spread).
 */
export function interviewerIcc(workers: readonly Moments[], minimumInterviews: number): number {
  const groups = workers.filter((worker) => worker.n >= minimumInterviews && worker.n > 0);
  const total = groups.reduce(mergeMoments, emptyMoments);
  const J = groups.length;
  const N = total.n;
  if (J < 2 || N <= J) return 0;
  const grandMean = total.sum / N;
  const between = groups.reduce((sum, worker) => sum + worker.n * (worker.sum / worker.n - grandMean) ** 2, 0) / (J - 1);
  const within = groups.reduce((sum, worker) => sum + Math.max(0, worker.sumSq - (worker.sum * worker.sum) / worker.n), 0) / (N - J);
  const k0 = (N - groups.reduce((sum, worker) => sum + worker.n * worker.n, 0) / N) / (J - 1);
  const denominator = between + (k0 - 1) * within;
  if (!(denominator > 0)) return 0;
  return Math.max(0, (between - within) / denominator);
}

/** deff = 1 + (b̄ − 1)·ρ with b̄ = interviews ÷ workers; 1 for a cell without interviews. */
export function interviewerDesignEffect(interviews: number, workers: number, icc: number): number {
  if (workers <= 0 || interviews <= 0) return 1;
  return 1 + (interviews / workers - 1) * icc;
}
