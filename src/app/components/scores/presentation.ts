import { formatRankInterval } from '../../../shared/scoring/display';

/**
 * What the score pages show, as plain functions: the order of a ranking, its labels and number
 * formats. Shared by the office pages and the public results page, so it imports nothing heavy.
 */

/** A chart's data as a table: what the table view shows and the CSV holds. */
export interface ScoresTable {
  /**
   * `title`: what the column means, as the header's tooltip. `download`: the columns a CSV holds
   * in its place, as numbers a spreadsheet can compute with (an interval's two bounds, a score
   * rounded as shown and at full precision); the rows carry them under their keys.
   */
  columns: { key: string; label: string; title?: string; download?: { key: string; label: string }[] }[];
  rows: Record<string, string | number | null>[];
}

interface Ranked {
  name: string;
  score: number | null;
  rankBest: number | null;
  rankWorst: number | null;
}

/** Best score first; units without a score last, by name. */
export function orderByScore<T extends Ranked>(units: readonly T[]): T[] {
  return [...units].sort((a, b) => {
    if (a.score === null || b.score === null) return a.score === null ? (b.score === null ? a.name.localeCompare(b.name, 'zh-CN') : 1) : -1;
    return b.score - a.score;
  });
}

/** "3–6" for a unit tied over ranks 3 to 6, "3" for a strict rank, null without a score. */
export function rankLabel(unit: Pick<Ranked, 'rankBest' | 'rankWorst'>): string | null {
  return unit.rankBest === null || unit.rankWorst === null ? null : formatRankInterval({ best: unit.rankBest, worst: unit.rankWorst });
}

/** Others whose rank interval overlaps this unit's: the data cannot order them (SCORING.md "Rankings"). */
export function tiedUnits<T extends Ranked>(unit: T, units: readonly T[]): T[] {
  if (unit.rankBest === null || unit.rankWorst === null) return [];
  const { rankBest, rankWorst } = unit;
  return units.filter((other) => other !== unit && other.rankBest !== null && other.rankWorst !== null && other.rankBest <= rankWorst && other.rankWorst >= rankBest);
}

export function formatScore(value: number | null, locale: string): string {
  return value === null ? '—' : new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(value);
}

/** A deduction as it is taken off the score, "−1.5"; one that rounds to nothing is "0.0", never "−0.0". */
export function formatDeduction(value: number | null, locale: string): string {
  if (value === null) return formatScore(null, locale);
  const shown = formatScore(Math.abs(value), locale);
  return shown === formatScore(0, locale) ? shown : `−${shown}`;
}

/** Two decimals, "1.84": a design effect, or a score beside limits it may be close to. */
export function formatPrecise(value: number | null, locale: string): string {
  return value === null ? '—' : new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value);
}

export function formatCount(value: number, locale: string): string {
  return new Intl.NumberFormat(locale).format(value);
}

export function formatShare(value: number, locale: string): string {
  return new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(value);
}

/** "[80.1, 95.7]"; null when there is no interval. */
export function formatInterval(low: number | null, high: number | null, locale: string, format: (value: number, locale: string) => string = formatScore): string | null {
  return low === null || high === null ? null : `[${format(low, locale)}, ${format(high, locale)}]`;
}

/** The lowest-scoring indicators with a score, weakest first. */
export function weakestIndicators<T extends { score: number | null }>(indicators: readonly T[], count: number): T[] {
  return indicators.filter((indicator) => indicator.score !== null).sort((a, b) => (a.score ?? 0) - (b.score ?? 0)).slice(0, count);
}
