import { audiences } from '../../../shared/records';
import type { FieldworkProgress, HotIssueShare, RoundScores, UnitScoresAnswer } from '../../../shared/rounds/api';
import { scoringChannels } from '../../../shared/scoring/settings';
import type { PooledCell } from '../../../shared/rounds/pooled';
import { nameOfRound } from '../../composables/useLocalized';
import { frameworkName } from './labels';
import type { IntervalBar } from './ScoresIntervalChart.vue';
import { funnelLimits } from '../../../shared/scoring/funnel';
import type { ScoringSettings } from '../../../shared/scoring/settings';
import { formatCount, formatPrecise, formatInterval, formatScore, formatShare, orderByScore, rankLabel, type ScoresTable } from './presentation';

/** The table behind each score chart, in the page's language: what the table view shows and the CSV holds. */
type Translate = (key: string, values?: Record<string, unknown>) => string;

interface Estimate {
  n: number;
  score: number | null;
  ciLow: number | null;
  ciHigh: number | null;
}

function estimateColumns(t: Translate) {
  return [
    { key: 'score', label: t('scores.score'), download: [{ key: 'scoreShown', label: t('scores.score') }, { key: 'scoreFull', label: t('scores.scoreFull') }] },
    { key: 'interval', label: t('scores.interval'), download: [{ key: 'ciLow', label: t('scores.ciLow') }, { key: 'ciHigh', label: t('scores.ciHigh') }] },
    { key: 'n', label: t('scores.n'), download: [{ key: 'nValue', label: t('scores.n') }] },
  ];
}

/** Rounded as the tables show it (one decimal). */
const shown = (value: number | null) => (value === null ? null : Math.round(value * 10) / 10);

function estimateCells(estimate: Estimate, locale: string, t: Translate) {
  return {
    score: estimate.score === null ? t('scores.tooFew') : formatScore(estimate.score, locale),
    interval: formatInterval(estimate.ciLow, estimate.ciHigh, locale),
    n: formatCount(estimate.n, locale),
    scoreShown: shown(estimate.score),
    scoreFull: estimate.score,
    ciLow: estimate.ciLow,
    ciHigh: estimate.ciHigh,
    nValue: estimate.n,
  };
}

/** The design effect and effective n beside a score, with what they mean as the headers' tooltip. */
function designColumns(t: Translate) {
  return [
    { key: 'designEffect', label: t('scores.designEffect'), title: t('scores.designTooltip'), download: [{ key: 'designEffectValue', label: t('scores.designEffect') }] },
    { key: 'effectiveN', label: t('scores.effectiveN'), title: t('scores.designTooltip'), download: [{ key: 'effectiveNValue', label: t('scores.effectiveN') }] },
  ];
}

function designCells(unit: UnitScoresAnswer, locale: string) {
  return {
    designEffect: formatPrecise(unit.designEffect, locale),
    effectiveN: unit.effectiveN === null ? null : formatCount(Math.round(unit.effectiveN), locale),
    designEffectValue: unit.designEffect === null ? null : Math.round(unit.designEffect * 100) / 100,
    effectiveNValue: unit.effectiveN === null ? null : Math.round(unit.effectiveN),
  };
}

function outlierCell(unit: UnitScoresAnswer, t: Translate): string {
  return unit.outlier === 'above' ? t('scores.outlierAbove') : unit.outlier === 'below' ? t('scores.outlierBelow') : '';
}

export function rankingTable(units: readonly UnitScoresAnswer[], locale: string, t: Translate, unitLabel = t('scores.subdistrict')): ScoresTable {
  return {
    columns: [{ key: 'rank', label: t('scores.rank') }, { key: 'name', label: unitLabel }, ...estimateColumns(t), ...designColumns(t), { key: 'deduction', label: t('scores.deduction') }, { key: 'outlier', label: t('scores.outlier') }],
    rows: units.map((unit) => ({
      rank: rankLabel(unit),
      name: unit.name,
      ...estimateCells(unit, locale, t),
      ...designCells(unit, locale),
      deduction: formatScore(unit.parts.deduction, locale),
      outlier: outlierCell(unit, t),
    })),
  };
}

/** The funnel's points as a table: each unit's positive score, its x and the 99.8% limits there, and whether it is beyond them. */
export function funnelTable(scores: RoundScores, settings: ScoringSettings, locale: string, t: Translate, unitLabel = t('scores.subdistrict')): ScoresTable {
  const reference = scores.funnel;
  return {
    columns: [
      { key: 'name', label: unitLabel },
      { key: 'positive', label: t('scores.positive') },
      { key: 'x', label: t('scores.funnel.x') },
      { key: 'limits', label: t('scores.funnel.outer') },
      { key: 'outlier', label: t('scores.outlier') },
    ],
    rows: orderByScore(scores.units).map((unit) => {
      const outer = reference && unit.funnel ? funnelLimits(reference, unit.funnel.x, settings).outer : null;
      return {
        name: unit.name,
        positive: formatPrecise(unit.funnel?.score ?? null, locale),
        x: unit.funnel ? formatCount(Math.round(unit.funnel.x), locale) : null,
        limits: outer ? formatInterval(outer.low, outer.high, locale, formatPrecise) : null,
        outlier: outlierCell(unit, t),
      };
    }),
  };
}

export function dimensionTable(units: readonly UnitScoresAnswer[], locale: string, t: Translate): ScoresTable {
  const dimensionIds = [...new Set(units.flatMap((unit) => unit.dimensions.map((dimension) => dimension.dimensionId)))];
  return {
    columns: [{ key: 'name', label: t('scores.unit') }, ...dimensionIds.map((id) => ({ key: id, label: frameworkName(id, locale) }))],
    rows: units.map((unit) => ({
      name: unit.name,
      ...Object.fromEntries(unit.dimensions.map((dimension) => [dimension.dimensionId, scoreWithInterval(dimension, locale, t)])),
    })),
  };
}

export function indicatorTable(units: readonly UnitScoresAnswer[], locale: string, t: Translate): ScoresTable {
  const indicatorIds = [...new Set(units.flatMap((unit) => unit.indicators.map((indicator) => indicator.indicatorId)))];
  return {
    columns: [{ key: 'indicator', label: t('scores.indicators.indicator') }, ...units.map((unit) => ({ key: unit.unitId, label: unit.name }))],
    rows: indicatorIds.map((id) => ({
      indicator: frameworkName(id, locale),
      ...Object.fromEntries(
        units.map((unit) => {
          const indicator = unit.indicators.find((candidate) => candidate.indicatorId === id);
          return [unit.unitId, indicator ? scoreWithInterval(indicator, locale, t) : null];
        }),
      ),
    })),
  };
}

/** "92.1 [90.3, 93.9] n=812", the form every score takes in a table cell. */
export function scoreWithInterval(estimate: Estimate, locale: string, t: Translate): string {
  if (estimate.score === null) return `${t('scores.tooFew')} (n=${formatCount(estimate.n, locale)})`;
  return `${formatScore(estimate.score, locale)} ${formatInterval(estimate.ciLow, estimate.ciHigh, locale) ?? ''} n=${formatCount(estimate.n, locale)}`;
}

export function unitIndicatorTable(unit: UnitScoresAnswer, locale: string, t: Translate): ScoresTable {
  return {
    columns: [{ key: 'indicator', label: t('scores.indicators.indicator') }, ...estimateColumns(t), { key: 'dissatisfied', label: t('scores.indicators.dissatisfied') }],
    rows: unit.indicators.map((indicator) => ({
      indicator: frameworkName(indicator.indicatorId, locale),
      ...estimateCells(indicator, locale, t),
      dissatisfied: indicator.dissatisfaction
        ? `${formatShare(indicator.dissatisfaction.share, locale)} ${formatInterval(indicator.dissatisfaction.ciLow, indicator.dissatisfaction.ciHigh, locale, formatShare)}`
        : null,
    })),
  };
}

export function cellTable(cells: readonly PooledCell[], locale: string, t: Translate): ScoresTable {
  return {
    columns: [{ key: 'channel', label: t('scores.cells.channel') }, { key: 'audience', label: t('scores.cells.audience') }, ...estimateColumns(t)],
    rows: cells.map((cell) => ({
      channel: frameworkName(`channel:${cell.channel}`, locale),
      audience: frameworkName(cell.audience, locale),
      ...estimateCells({ n: cell.n, score: cell.status === 'estimated' ? cell.mean : null, ciLow: cell.status === 'estimated' ? cell.ciLow : null, ciHigh: cell.status === 'estimated' ? cell.ciHigh : null }, locale, t),
    })),
  };
}

/** Field and online side by side per unit, with the score that combines them by the round's weights. */
export function channelTable(units: readonly UnitScoresAnswer[], locale: string, t: Translate, unitLabel = t('scores.subdistrict')): ScoresTable {
  const none = { n: 0, score: null, ciLow: null, ciHigh: null };
  return {
    columns: [
      { key: 'name', label: unitLabel },
      ...scoringChannels.map((channel) => ({ key: channel, label: frameworkName(`channel:${channel}`, locale) })),
      { key: 'combined', label: t('online.channels.combined') },
    ],
    rows: units.map((unit) => ({
      name: unit.name,
      ...Object.fromEntries(scoringChannels.map((channel) => [channel, scoreWithInterval(unit.channels.find((part) => part.channel === channel) ?? none, locale, t)])),
      combined: scoreWithInterval(unit, locale, t),
    })),
  };
}

/** The hot issues as chart bars, in percent. */
export function hotIssueBarsOf(issues: readonly HotIssueShare[], locale: string): IntervalBar[] {
  return issues.map((issue) => ({
    label: frameworkName(issue.choiceId, locale),
    value: issue.share * 100,
    low: issue.ciLow * 100,
    high: issue.ciHigh * 100,
    detail: `${formatShare(issue.share, locale)} n=${formatCount(issue.trials, locale)}`,
  }));
}

export function hotIssueTable(issues: readonly HotIssueShare[], locale: string, t: Translate): ScoresTable {
  return {
    columns: [
      { key: 'issue', label: t('scores.hotIssues.issue') },
      { key: 'share', label: t('scores.hotIssues.share') },
      { key: 'interval', label: t('scores.interval') },
      { key: 'chosen', label: t('scores.hotIssues.chosen') },
      { key: 'n', label: t('scores.n') },
    ],
    rows: issues.map((issue) => ({
      issue: frameworkName(issue.choiceId, locale),
      share: formatShare(issue.share, locale),
      interval: formatInterval(issue.ciLow, issue.ciHigh, locale, formatShare),
      chosen: formatCount(issue.hits, locale),
      n: formatCount(issue.trials, locale),
    })),
  };
}

export function trendTable(rounds: readonly RoundScores[], locale: string, t: Translate): ScoresTable {
  const units = orderByScore(rounds.at(-1)?.units ?? []);
  return {
    columns: [{ key: 'name', label: t('scores.subdistrict') }, ...rounds.map((round) => ({ key: round.roundId, label: nameOfRound(round.roundId, t) }))],
    rows: units.map((unit) => ({
      name: unit.name,
      ...Object.fromEntries(
        rounds.map((round) => {
          const past = round.units.find((candidate) => candidate.unitId === unit.unitId);
          return [round.roundId, past ? scoreWithInterval(past, locale, t) : null];
        }),
      ),
    })),
  };
}

/** Per community: each audience's counted field questionnaires against its quota, and the total. */
export function progressTable(progress: FieldworkProgress, locale: string, t: Translate): ScoresTable {
  const byCommunity = new Map<string, FieldworkProgress['communities']>();
  for (const row of progress.communities) byCommunity.set(row.communityId, [...(byCommunity.get(row.communityId) ?? []), row]);
  const done = (received: number, target: number) => t('scores.progress.done', { received: formatCount(received, locale), target: formatCount(target, locale) });
  return {
    columns: [
      { key: 'subdistrict', label: t('scores.subdistrict') },
      { key: 'community', label: t('scores.community') },
      ...audiences.map((audience) => ({ key: audience, label: frameworkName(audience, locale) })),
      { key: 'total', label: t('scores.progress.total') },
    ],
    rows: [...byCommunity.values()].map((rows) => {
      const sum = (pick: (row: (typeof rows)[number]) => number) => rows.reduce((total, row) => total + pick(row), 0);
      return {
        subdistrict: frameworkName(rows[0]!.subdistrictId, locale),
        community: rows[0]!.communityName,
        ...Object.fromEntries(audiences.map((audience) => {
          const row = rows.find((candidate) => candidate.audience === audience);
          return [audience, row ? done(row.received, row.target) : null];
        })),
        total: done(sum((row) => row.received), sum((row) => row.target)),
      };
    }),
  };
}

/** Per worker: counted field questionnaires, most first. */
export function workerProgressTable(progress: FieldworkProgress, locale: string, t: Translate): ScoresTable {
  return {
    columns: [{ key: 'worker', label: t('scores.progress.worker') }, { key: 'received', label: t('scores.progress.received') }],
    rows: progress.workers.toSorted((a, b) => b.received - a.received).map((worker) => ({ worker: worker.name ?? t('scores.progress.unknownWorker'), received: formatCount(worker.received, locale) })),
  };
}

export interface HeatGrid {
  columns: { key: string; label: string }[];
  rows: { key: string; label: string; cells: Record<string, Estimate | undefined> }[];
}

/** Sub-districts down, dimensions across. */
export function dimensionHeat(units: readonly UnitScoresAnswer[], locale: string): HeatGrid {
  const dimensionIds = [...new Set(units.flatMap((unit) => unit.dimensions.map((dimension) => dimension.dimensionId)))];
  return {
    columns: dimensionIds.map((id) => ({ key: id, label: frameworkName(id, locale) })),
    rows: units.map((unit) => ({ key: unit.unitId, label: unit.name, cells: Object.fromEntries(unit.dimensions.map((dimension) => [dimension.dimensionId, dimension])) })),
  };
}

/** Indicators down, sub-districts across: 17 rows read better than 17 columns. */
export function indicatorHeat(units: readonly UnitScoresAnswer[], locale: string): HeatGrid {
  const indicatorIds = [...new Set(units.flatMap((unit) => unit.indicators.map((indicator) => indicator.indicatorId)))];
  return {
    columns: units.map((unit) => ({ key: unit.unitId, label: unit.name })),
    rows: indicatorIds.map((id) => ({
      key: id,
      label: frameworkName(id, locale),
      cells: Object.fromEntries(units.map((unit) => [unit.unitId, unit.indicators.find((indicator) => indicator.indicatorId === id)])),
    })),
  };
}
