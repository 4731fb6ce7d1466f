import { addScore, emptyJointMoments, emptyMoments, mergeJointMoments, mergeMoments, removeScore, shiftJointMoments, type JointMoments, type Moments } from './moments';
import { addCounts, type Counts, type HotIssueCounts } from './proportions';
import type { RespondentScores } from './respondent';

/**
 * The sufficient statistics of one cell (unit, channel, audience): moments of the respondent
 * scores overall, per indicator, per dimension, per evaluation level and of the special items;
 * dissatisfaction counts per indicator; hot-issue counts. Adding, removing and merging respondents
 * is all the server needs to keep them current; every figure derives from them.
 */
export interface CellStatistics {
  /** Counted responses, with a score or not. */
  respondents: number;
  overall: Moments;
  special: Moments;
  /** The overall and special scores of the respondents who have both, for their covariance. */
  joint: JointMoments;
  indicators: Record<string, Moments>;
  dimensions: Record<string, Moments>;
  levels: Record<string, Moments>;
  answerCounts: Record<string, Counts>;
  hotIssues: HotIssueCounts;
}

export function emptyCellStatistics(): CellStatistics {
  return { respondents: 0, overall: emptyMoments, special: emptyMoments, joint: emptyJointMoments, indicators: {}, dimensions: {}, levels: {}, answerCounts: {}, hotIssues: { asked: 0, choices: {} } };
}

/** Respondents who answered no satisfaction item: no score, counted apart (SCORING.md step 1). */
export function noOpinionOnlyCount(statistics: CellStatistics): number {
  return statistics.respondents - statistics.overall.n;
}

type Direction = 1 | -1;

function shiftMoments(moments: Moments, score: number | null | undefined, direction: Direction): Moments {
  if (score === null || score === undefined) return moments;
  return direction === 1 ? addScore(moments, score) : removeScore(moments, score);
}

/** Applies a change to each named entry; entries that fall back to empty are dropped, so remove undoes add exactly. */
function shiftEntries<T, V>(entries: Record<string, T>, changes: Record<string, V>, shift: (current: T | undefined, change: V) => T, isEmpty: (entry: T) => boolean): Record<string, T> {
  const result = { ...entries };
  for (const [key, change] of Object.entries(changes)) {
    const next = shift(result[key], change);
    if (isEmpty(next)) delete result[key];
    else result[key] = next;
  }
  return result;
}

const momentsEmpty = (moments: Moments) => moments.n === 0;
const countsEmpty = (counts: Counts) => counts.trials === 0;

function shiftScores(entries: Record<string, Moments>, scores: Record<string, number>, direction: Direction): Record<string, Moments> {
  return shiftEntries(entries, scores, (current, score) => shiftMoments(current ?? emptyMoments, score, direction), momentsEmpty);
}

function shiftCounts(entries: Record<string, Counts>, counts: Record<string, Counts>, direction: Direction): Record<string, Counts> {
  return shiftEntries(entries, counts, (current, change) => addCounts(current ?? { trials: 0, hits: 0 }, { trials: direction * change.trials, hits: direction * change.hits }), countsEmpty);
}

function shiftHotIssues(counts: HotIssueCounts, choices: string[] | null, direction: Direction): HotIssueCounts {
  if (choices === null) return counts;
  const chosen = Object.fromEntries(choices.map((choice) => [choice, direction]));
  const next = shiftEntries(counts.choices, chosen, (current, change) => (current ?? 0) + change, (count) => count === 0);
  return { asked: counts.asked + direction, choices: next };
}

function shiftRespondent(statistics: CellStatistics, scores: RespondentScores, direction: Direction): CellStatistics {
  if (direction === -1 && statistics.respondents === 0) throw new RangeError('removed a respondent from an empty cell');
  return {
    respondents: statistics.respondents + direction,
    overall: shiftMoments(statistics.overall, scores.overall, direction),
    special: shiftMoments(statistics.special, scores.special, direction),
    joint: scores.overall === null || scores.special === null ? statistics.joint : shiftJointMoments(statistics.joint, scores.overall, scores.special, direction),
    indicators: shiftScores(statistics.indicators, scores.indicators, direction),
    dimensions: shiftScores(statistics.dimensions, scores.dimensions, direction),
    levels: shiftScores(statistics.levels, scores.levels, direction),
    answerCounts: shiftCounts(statistics.answerCounts, scores.answerCounts, direction),
    hotIssues: shiftHotIssues(statistics.hotIssues, scores.hotIssueChoices, direction),
  };
}

/** A newly counted response joins its cell. */
export function addRespondent(statistics: CellStatistics, scores: RespondentScores): CellStatistics {
  return shiftRespondent(statistics, scores, 1);
}

/** A voided (or no longer counted) response leaves its cell; nothing else needs rescanning. */
export function removeRespondent(statistics: CellStatistics, scores: RespondentScores): CellStatistics {
  return shiftRespondent(statistics, scores, -1);
}

function mergeEntries<T>(a: Record<string, T>, b: Record<string, T>, merge: (x: T, y: T) => T): Record<string, T> {
  const result = { ...a };
  for (const [key, value] of Object.entries(b)) {
    const current = result[key];
    result[key] = current === undefined ? value : merge(current, value);
  }
  return result;
}

/** Two disjoint sets of respondents together: cells into a unit, units into the district, partial sums of a scan. */
export function mergeCellStatistics(a: CellStatistics, b: CellStatistics): CellStatistics {
  return {
    respondents: a.respondents + b.respondents,
    overall: mergeMoments(a.overall, b.overall),
    special: mergeMoments(a.special, b.special),
    joint: mergeJointMoments(a.joint, b.joint),
    indicators: mergeEntries(a.indicators, b.indicators, mergeMoments),
    dimensions: mergeEntries(a.dimensions, b.dimensions, mergeMoments),
    levels: mergeEntries(a.levels, b.levels, mergeMoments),
    answerCounts: mergeEntries(a.answerCounts, b.answerCounts, addCounts),
    hotIssues: { asked: a.hotIssues.asked + b.hotIssues.asked, choices: mergeEntries(a.hotIssues.choices, b.hotIssues.choices, (x, y) => x + y) },
  };
}

/** The statistics of a list of respondents, from scratch. */
export function cellStatisticsOf(respondents: readonly RespondentScores[]): CellStatistics {
  return respondents.reduce(addRespondent, emptyCellStatistics());
}
