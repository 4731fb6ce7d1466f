/**
 * Final dispositions and response rates by the AAPOR Standard Definitions for in-person household
 * surveys, as SCORING.md ("Final dispositions and response rates") states them. Pending doors are
 * in no rate and are not counted here.
 */

/** Complete, partial, refusal, non-contact, other, unknown eligibility, not eligible. */
export const finalDispositions = ['I', 'P', 'R', 'NC', 'O', 'UH', 'NE'] as const;
export type FinalDisposition = (typeof finalDispositions)[number];
export type DispositionCounts = Readonly<Record<FinalDisposition, number>>;

export interface ResponseRates {
  /** The estimated share of unknown-eligibility doors that are eligible. */
  e: number | null;
  RR1: number | null;
  RR3: number | null;
  COOP1: number | null;
  REF1: number | null;
  CON1: number | null;
}

/** A share, or null where its denominator is empty (no door to count). */
const share = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);

/** The counts of doors by final code, from each door's code. */
export function countDispositions(codes: Iterable<FinalDisposition>): DispositionCounts {
  const counts: Record<FinalDisposition, number> = { I: 0, P: 0, R: 0, NC: 0, O: 0, UH: 0, NE: 0 };
  for (const code of codes) counts[code] += 1;
  return counts;
}

export function responseRates({ I, P, R, NC, O, UH, NE }: DispositionCounts): ResponseRates {
  const eligible = I + P + R + NC + O;
  const e = share(eligible, eligible + NE);
  const known = eligible + UH;
  return {
    e,
    RR1: share(I, known),
    // With no door of known eligibility, e is unknown and so are the unknown doors' eligible share.
    RR3: e === null ? null : share(I, eligible + e * UH),
    COOP1: share(I, I + P + R + O),
    REF1: share(R, known),
    CON1: share(I + P + R + O, known),
  };
}
