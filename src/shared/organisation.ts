import { z } from 'zod/mini';
import framework from './reference/evaluation-framework.json';
import { roundIdSchema } from './records/fields';
import { roundStateSchema } from './rounds/lifecycle';

/** Present on units the administrator edits; absent from snapshots pulled before: no code, active. */
const unitState = {
  /** The official code (统计用区划代码 or the district's own), when known. */
  code: z.optional(z.string().check(z.maxLength(40))),
  active: z.optional(z.boolean()),
};

export const subdistrictSchema = z.object({
  id: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  ...unitState,
});
export type Subdistrict = z.infer<typeof subdistrictSchema>;

export const communitySchema = z.object({
  id: z.string(),
  subdistrictId: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  ...unitState,
});
export type Community = z.infer<typeof communitySchema>;

/** A half-year evaluation round such as "2026-H1"; defined with the record fields, since visits and responses store it. */
export { roundIdSchema };

export const roundSchema = z.object({
  id: roundIdSchema,
  startsOn: z.iso.date(),
  endsOn: z.iso.date(),
  /** The round's lifecycle state; absent from servers before rounds had one. */
  state: z.optional(roundStateSchema),
  /** Generated demo data, to be shown as such. */
  synthetic: z.optional(z.boolean()),
  /** The questionnaire versions the round uses, one per audience, as `${id}@${version}`. */
  questionnaires: z.optional(z.array(z.string().check(z.maxLength(80))).check(z.maxLength(20))),
});
export type Round = z.infer<typeof roundSchema>;

/** First and last day of a half-year round, from its id. */
export function roundDates(roundId: string): { startsOn: string; endsOn: string } {
  const { year, half } = parseRoundId(roundId);
  return half === 1
    ? { startsOn: `${year}-01-01`, endsOn: `${year}-06-30` }
    : { startsOn: `${year}-07-01`, endsOn: `${year}-12-31` };
}

/** The year and half of a round id ("2026-H1" → 2026, 1), for dates and for labels such as 2026年上半年. */
export function parseRoundId(roundId: string): { year: number; half: 1 | 2 } {
  const id = roundIdSchema.parse(roundId);
  return { year: Number(id.slice(0, 4)), half: id.endsWith('1') ? 1 : 2 };
}

/** The district's reference data: sub-districts, dimensions, indicators (stable ids). */
export const referenceFramework = framework;
export const districtId = framework.district.id;
export const referenceSubdistricts: readonly Subdistrict[] = framework.subdistricts.map((s) => ({
  id: s.id,
  nameZh: s.zh,
  nameEn: s.en,
}));

/** GET /api/organisation: every sub-district and community, for the office. */
export const organisationListSchema = z.object({ subdistricts: z.array(subdistrictSchema), communities: z.array(communitySchema) });
export type OrganisationList = z.infer<typeof organisationListSchema>;
