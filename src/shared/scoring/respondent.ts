import type { Answers } from '../questionnaire/form';
import { evaluationLevels, type EvaluationLevel, type QuestionnaireDefinition } from '../questionnaire/definition';
import type { Counts } from './proportions';
import type { ScoringSettings } from './settings';

/** One scored satisfaction answer: its item's indicator and level tags and its 0-100 score. */
export interface ScoredAnswer {
  /** Always set on positive items; a special item may stand outside the 17 indicators. */
  indicatorId: string | undefined;
  level: EvaluationLevel;
  score: number;
  dissatisfied: boolean;
}

/** What one response contributes to its cell (SCORING.md step 1, plus steps 4 and 5's counts). */
export interface RespondentScores {
  /** s_r; null when no satisfaction item was answered ("no opinion only", counted apart). */
  overall: number | null;
  indicators: Record<string, number>;
  dimensions: Record<string, number>;
  /** s_r computed from the items of one evaluation level only. */
  levels: Partial<Record<EvaluationLevel, number>>;
  /** Mean of the answered special (sub-district's own) items; null when none was answered. */
  special: number | null;
  /** Per indicator: satisfaction answers scored, and how many of them were dissatisfied. */
  answerCounts: Record<string, Counts>;
  /** The hot-issue choices; null when the questionnaire did not ask the hot-issue item. */
  hotIssueChoices: string[] | null;
}

interface WeightedValue {
  value: number;
  weight: number;
}

/** Σ w·v / Σ w over what is present: weights are renormalised over the answered parts (step 1). */
function weightedMean(values: readonly WeightedValue[]): number | null {
  const totalWeight = values.reduce((total, entry) => total + entry.weight, 0);
  if (totalWeight <= 0) return null;
  return values.reduce((total, entry) => total + entry.weight * entry.value, 0) / totalWeight;
}

function plainMean(values: readonly number[]): number | null {
  return values.length === 0 ? null : values.reduce((total, value) => total + value, 0) / values.length;
}

/** Option id → score; "no opinion" maps to null and an id not on the scale is absent. */
function scaleScores(settings: ScoringSettings): Map<string, number | null> {
  return new Map(settings.scale.map((entry) => [entry.optionId, entry.score]));
}

/**
 * The scored answers of a response's satisfaction items of one evaluation kind. "No opinion",
 * unanswered items and answers off the scale are left out, never counted as 0 (SCORING.md "Inputs").
 */
export function scoredAnswers(definition: QuestionnaireDefinition, answers: Answers, settings: ScoringSettings, evaluation: 'positive' | 'special'): ScoredAnswer[] {
  const scores = scaleScores(settings);
  const dissatisfied = new Set(settings.dissatisfiedOptionIds);
  return definition.items.flatMap((item) => {
    const answer = answers[item.id];
    if (item.kind !== 'satisfaction' || item.evaluation !== evaluation || typeof answer !== 'string') return [];
    if (evaluation === 'positive' && item.indicatorId === undefined) return [];
    const score = scores.get(answer);
    if (score === undefined || score === null) return [];
    return [{ indicatorId: item.indicatorId, level: item.level, score, dissatisfied: dissatisfied.has(answer) }];
  });
}

export interface RespondentBreakdown {
  overall: number | null;
  indicators: Record<string, number>;
  dimensions: Record<string, number>;
}

/**
 * SCORING.md step 1: each indicator is the mean of its answered items; each dimension the weighted
 * mean of its answered indicators; the respondent's score the weighted mean of the answered
 * dimensions. Indicators outside the round's settings carry no weight and are left out.
 */
export function respondentBreakdown(answers: readonly ScoredAnswer[], settings: ScoringSettings): RespondentBreakdown {
  const indicators: Record<string, number> = {};
  const dimensions: Record<string, number> = {};
  const dimensionValues: WeightedValue[] = [];
  for (const dimension of settings.dimensions) {
    const indicatorValues: WeightedValue[] = [];
    for (const indicator of dimension.indicators) {
      const mean = plainMean(answers.filter((answer) => answer.indicatorId === indicator.id).map((answer) => answer.score));
      if (mean === null) continue;
      indicators[indicator.id] = mean;
      indicatorValues.push({ value: mean, weight: indicator.weight });
    }
    const dimensionScore = weightedMean(indicatorValues);
    if (dimensionScore === null) continue;
    dimensions[dimension.id] = dimensionScore;
    dimensionValues.push({ value: dimensionScore, weight: dimension.weight });
  }
  return { overall: weightedMean(dimensionValues), indicators, dimensions };
}

function levelScores(answers: readonly ScoredAnswer[], settings: ScoringSettings): Partial<Record<EvaluationLevel, number>> {
  const levels: Partial<Record<EvaluationLevel, number>> = {};
  for (const level of evaluationLevels) {
    const score = respondentBreakdown(
      answers.filter((answer) => answer.level === level),
      settings,
    ).overall;
    if (score !== null) levels[level] = score;
  }
  return levels;
}

function answerCountsByIndicator(answers: readonly ScoredAnswer[]): Record<string, Counts> {
  const counts: Record<string, Counts> = {};
  for (const { indicatorId, dissatisfied } of answers) {
    if (indicatorId === undefined) continue;
    const current = counts[indicatorId] ?? { trials: 0, hits: 0 };
    counts[indicatorId] = { trials: current.trials + 1, hits: current.hits + (dissatisfied ? 1 : 0) };
  }
  return counts;
}

/** The hot-issue choices (SCORING.md step 5): none chosen is an empty list, not asked is null. */
function hotIssueChoices(definition: QuestionnaireDefinition, answers: Answers, settings: ScoringSettings): string[] | null {
  if (!definition.items.some((item) => item.id === settings.hotIssueItemId)) return null;
  const answer = answers[settings.hotIssueItemId];
  return Array.isArray(answer) ? [...new Set(answer)] : [];
}

/** Everything one counted response contributes to the scores of its cell. */
export function scoreRespondent(definition: QuestionnaireDefinition, answers: Answers, settings: ScoringSettings): RespondentScores {
  const positive = scoredAnswers(definition, answers, settings, 'positive');
  const special = scoredAnswers(definition, answers, settings, 'special').map((answer) => answer.score);
  return {
    ...respondentBreakdown(positive, settings),
    levels: levelScores(positive, settings),
    special: plainMean(special),
    answerCounts: answerCountsByIndicator(positive),
    hotIssueChoices: hotIssueChoices(definition, answers, settings),
  };
}
