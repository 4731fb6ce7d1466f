import { vi } from 'vitest';
import { referenceSubdistricts, roundDates } from '../../../src/shared/organisation';
import type { RoundDetail, RoundScores, RoundSummary, UnitScoresAnswer } from '../../../src/shared/rounds/api';
import type { PublicRoundScores, PublicUnitScore } from '../../../src/shared/rounds/public-api';
import { defaultScoringSettings, rankIntervals } from '../../../src/shared/scoring';

/**
 * Score fixtures as the API returns them (shapes from src/shared/rounds/api.ts and public-api.ts), with rank
 * intervals computed by the shared scoring functions, and a fetch stub that answers by path.
 */

/** Each sub-district's score and standard error, best first; a few are close enough to tie. */
const subdistrictFigures: Array<[score: number, se: number]> = [
  [97.2, 0.3], [95.1, 0.4], [93.4, 0.9], [93.0, 1.0], [92.6, 1.1], [92.2, 0.9], [90.0, 0.3],
  [88.9, 0.4], [87.5, 0.5], [86.0, 0.3], [84.1, 0.6], [82.0, 0.5], [79.5, 0.4],
];

function unitScore(unitId: string, name: string, subdistrictId: string, score: number | null, se: number, n: number): UnitScoresAnswer {
  const interval = score === null ? { ciLow: null, ciHigh: null } : { ciLow: score - 1.96 * se, ciHigh: Math.min(100, score + 1.96 * se) };
  const reason = score === null ? 'no_cell_with_two_scores' : null;
  return {
    unitId,
    name,
    subdistrictId,
    n,
    score,
    ...interval,
    reason,
    se: score === null ? null : se,
    designEffect: score === null ? null : 1.5,
    effectiveN: score === null ? null : n / 1.5,
    rankBest: null,
    rankWorst: null,
    funnel: score === null || se <= 0 ? null : { score, se, x: 64 / se ** 2 },
    outlier: null,
    parts: { positive: score, special: null, deduction: 0 },
    noOpinionOnly: 0,
    cells: [{ channel: 'field', audience: 'elderly', n, mean: score, sd: score === null ? null : 8, ...interval }],
    channels: [
      { channel: 'field', weight: 0.6, n, score, ...interval, reason },
      { channel: 'online', weight: 0.4, n: 40, score: score === null ? null : Math.min(100, score + 1), ...interval, reason },
    ],
    dimensions: [{ dimensionId: 'party_building', n, score, ...interval, reason }],
    indicators: [
      { indicatorId: 'pb_org_service', n, score: score === null ? null : Math.min(100, score + 2), ciLow: null, ciHigh: null, reason, dissatisfaction: null },
      { indicatorId: 'ug_parking_charging', n, score: score === null ? null : score - 9, ciLow: null, ciHigh: null, reason, dissatisfaction: { trials: n, hits: Math.min(5, n), share: Math.min(5, n) / n, ciLow: 0, ciHigh: 1 } },
      { indicatorId: 'ug_environment', n, score: score === null ? null : score - 4, ciLow: null, ciHigh: null, reason, dissatisfaction: null },
      { indicatorId: 'ug_old_estates', n, score: score === null ? null : score - 1, ciLow: null, ciHigh: null, reason, dissatisfaction: null },
    ],
    levels: [],
    dissatisfaction: null,
    hotIssues: [],
  };
}

function withRanks(units: UnitScoresAnswer[], ses: ReadonlyMap<string, number>): UnitScoresAnswer[] {
  const intervals = rankIntervals(units.map((unit) => ({ unitId: unit.unitId, score: unit.score, se: ses.get(unit.unitId) ?? null })), 0.95);
  return units.map((unit) => {
    const interval = intervals.find((candidate) => candidate.unitId === unit.unitId);
    return interval ? { ...unit, rankBest: interval.best, rankWorst: interval.worst } : unit;
  });
}

/** The 13 sub-districts of a round, listed in the API's (alphabetical) order, not by rank; `shift` moves every score. */
export function subdistrictScores(roundId: string, shift = 0): RoundScores {
  const ses = new Map(referenceSubdistricts.map((subdistrict, index) => [subdistrict.id, subdistrictFigures[index]?.[1] ?? 1]));
  const units = referenceSubdistricts.map((subdistrict, index) => {
    const [score, se] = subdistrictFigures[index] ?? [80, 1];
    return unitScore(subdistrict.id, subdistrict.nameZh, subdistrict.id, Math.min(100, score + shift), se, 600 + index * 10);
  });
  const ranked = withRanks(units, ses);
  ranked[12] = { ...ranked[12]!, outlier: 'below' };
  return { roundId, settingsVersion: 1, level: 'subdistrict', synthetic: true, funnel: { target: 90, variance: 64, phi: 30, tau2: 20 }, units: [...ranked].sort((a, b) => a.unitId.localeCompare(b.unitId)) };
}

/** Three communities of a sub-district: two scored, one with too few responses. */
export function communityScores(roundId: string, subdistrictId: string): RoundScores {
  const units = [
    unitScore(`${subdistrictId}-c01`, '第一社区', subdistrictId, 91.5, 1.5, 64),
    unitScore(`${subdistrictId}-c02`, '第二社区', subdistrictId, 88.0, 1.8, 58),
    unitScore(`${subdistrictId}-c03`, '第三社区', subdistrictId, null, 0, 1),
  ];
  const ses = new Map([[`${subdistrictId}-c01`, 1.5], [`${subdistrictId}-c02`, 1.8]]);
  return { roundId, settingsVersion: 1, level: 'community', synthetic: true, funnel: null, units: withRanks(units, ses) };
}

export function roundSummary(roundId: string, state: RoundSummary['state']): RoundSummary {
  const at = (reached: boolean, time: string) => (reached ? time : null);
  return {
    id: roundId,
    ...roundDates(roundId),
    state,
    settingsVersion: 1,
    synthetic: true,
    openedAt: at(state !== 'draft', '2025-07-01T00:00:00.000Z'),
    closedAt: at(state === 'closed' || state === 'published', '2026-01-05T00:00:00.000Z'),
    publishedAt: at(state === 'published', '2026-01-20T08:00:00.000Z'),
  };
}

export function roundDetail(summary: RoundSummary): RoundDetail {
  const counts = { received: 35_010, counted: 35_000, late: 7, latePending: 0, lateAdmitted: 7, lateExcluded: 0, voided: 3 };
  return { ...summary, settings: defaultScoringSettings(), counts, history: [] };
}

/** A public unit as the API shows it: figures, or only "fewer than k" for a small group. */
export function publicUnit(unit: UnitScoresAnswer, minimumGroupSize: number): PublicUnitScore {
  if (unit.n < minimumGroupSize) return { unitId: unit.unitId, name: unit.name, suppressed: true, fewerThan: minimumGroupSize };
  const { unitId, name, n, score, ciLow, ciHigh, rankBest, rankWorst, dimensions } = unit;
  return { unitId, name, suppressed: false, n, score, ciLow, ciHigh, rankBest, rankWorst, dimensions };
}

export function publicScores(scores: RoundScores, minimumGroupSize = 10): PublicRoundScores {
  return { roundId: scores.roundId, settingsVersion: scores.settingsVersion, level: scores.level, synthetic: scores.synthetic, minimumGroupSize, units: scores.units.map((unit) => publicUnit(unit, minimumGroupSize)) };
}

/**
 * Replaces the network with answers by path and query ("/api/rounds/2025-H2/scores?level=subdistrict");
 * an unknown request is a 404 with the API's error body. Returns the mock to inspect requests.
 */
export function stubApi(answers: Record<string, unknown>) {
  const fetchMock = vi.fn(async (input: RequestInfo | URL, _init?: RequestInit) => {
    const url = new URL(String(input), 'http://localhost');
    const body = answers[`${url.pathname}${url.search}`];
    if (body instanceof Blob) return new Response(body, { status: 200 });
    const [status, json] = body === undefined ? [404, { error: { code: 'not_found', message: `no ${url.pathname}` } }] : [200, body];
    return new Response(JSON.stringify(json), { status, headers: { 'Content-Type': 'application/json' } });
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}
