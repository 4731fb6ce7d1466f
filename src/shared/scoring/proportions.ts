import { normalCritical } from './quantiles';

/** A count of trials and of hits among them (answers and dissatisfied answers, respondents asked and choosing). */
export interface Counts {
  trials: number;
  hits: number;
}

export function addCounts(a: Counts, b: Counts): Counts {
  return { trials: a.trials + b.trials, hits: a.hits + b.hits };
}

export interface ProportionEstimate {
  trials: number;
  hits: number;
  share: number;
  ciLow: number;
  ciHigh: number;
}

/**
 * A share with its Wilson score interval (SCORING.md steps 4 and 5): unlike p ± z√(p(1−p)/n) it
 * stays inside [0, 1] and does not collapse to zero width when nobody, or everybody, is a hit.
 * Null when there are no trials.
 */
export function wilsonInterval(counts: Counts, confidenceLevel: number): ProportionEstimate | null {
  const { trials, hits } = counts;
  if (trials === 0) return null;
  const z = normalCritical(confidenceLevel);
  const share = hits / trials;
  const zSquaredOverN = (z * z) / trials;
  const centre = (share + zSquaredOverN / 2) / (1 + zSquaredOverN);
  const halfWidth = (z / (1 + zSquaredOverN)) * Math.sqrt((share * (1 - share)) / trials + zSquaredOverN / (4 * trials));
  return { trials, hits, share, ciLow: Math.max(0, centre - halfWidth), ciHigh: Math.min(1, centre + halfWidth) };
}

/** Respondents asked the hot-issue item, and how many chose each option. */
export interface HotIssueCounts {
  asked: number;
  choices: Record<string, number>;
}

export interface HotIssue extends ProportionEstimate {
  choiceId: string;
}

/** SCORING.md step 5: each choice's count and share of those asked, with a Wilson interval, most chosen first. */
export function rankHotIssues(counts: HotIssueCounts, confidenceLevel: number): HotIssue[] {
  return Object.entries(counts.choices)
    .filter(([, chosen]) => chosen > 0)
    .flatMap(([choiceId, chosen]) => {
      const estimate = wilsonInterval({ trials: counts.asked, hits: chosen }, confidenceLevel);
      return estimate ? [{ choiceId, ...estimate }] : [];
    })
    .sort((a, b) => b.hits - a.hits || a.choiceId.localeCompare(b.choiceId));
}
