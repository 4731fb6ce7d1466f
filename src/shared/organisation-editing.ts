import { z } from 'zod/mini';
import { departmentSchema } from './cases/api';
import { listedProblems } from './households';
import { organisationListSchema } from './organisation';
import { withoutNullCharacter } from './validation';

/**
 * The administrator's organisation page: sub-districts, communities and departments
 * edited in place, and the communities' names replaced in bulk from a file. Ids never change.
 */

/** Ids of new units: lower-case letters, digits and hyphens, like the reference ids (yijiangmen, yijiangmen-c01). */
export const unitIdSchema = z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{0,99}$/, 'lower-case letters, digits and hyphens (at most 100)'));

const unitName = (max: number) =>
  z.string().check(z.trim(), z.minLength(1, 'must not be empty'), z.maxLength(max, `at most ${max} characters`), withoutNullCharacter);
/** An official code, or "" for none. */
export const unitCodeSchema = z.string().check(z.trim(), z.regex(/^[0-9A-Za-z_-]{0,40}$/, 'letters, digits, "-" or "_" (at most 40), or empty for none'));

const unitFields = { nameZh: unitName(100), nameEn: unitName(200), code: unitCodeSchema, active: z.boolean() };

/** PUT /api/organisation/subdistricts/{id}: adds or edits a sub-district. */
export const subdistrictUpdateSchema = z.object(unitFields);
export type SubdistrictUpdate = z.infer<typeof subdistrictUpdateSchema>;

/** PUT /api/organisation/communities/{id}: adds or edits a community; an existing one stays in its sub-district. */
export const communityUpdateSchema = z.object({ subdistrictId: unitIdSchema, ...unitFields });
export type CommunityUpdate = z.infer<typeof communityUpdateSchema>;

/** A unit as the administrator sees and edits it (the code "" when there is none). */
export const editedSubdistrictSchema = z.extend(subdistrictUpdateSchema, { id: unitIdSchema });
export type EditedSubdistrict = z.infer<typeof editedSubdistrictSchema>;
export const editedCommunitySchema = z.extend(communityUpdateSchema, { id: unitIdSchema });
export type EditedCommunity = z.infer<typeof editedCommunitySchema>;

/** PUT /api/departments/{id}/active: a deactivated department keeps its cases but takes no new escalations. */
export const departmentActiveSchema = z.object({ active: z.boolean() });

export const organisationDepartmentSchema = z.extend(departmentSchema, { active: z.boolean() });
export type OrganisationDepartment = z.infer<typeof organisationDepartmentSchema>;

/** GET /api/organisation: every unit, active or not, and the district's departments. */
export const organisationSchema = z.extend(organisationListSchema, { departments: z.array(organisationDepartmentSchema).check(z.maxLength(1000)) });
export type Organisation = z.infer<typeof organisationSchema>;

/** A community's names and code, before and after a bulk replacement. */
const communityNaming = z.object({ nameZh: z.string(), nameEn: z.string(), code: z.string() });
export type CommunityNaming = z.infer<typeof communityNaming>;

/** The district has about 120 communities: every change of a file is listed. */
export const listedNameChanges = 2000;
const line = z.int().check(z.positive());
const problems = <T extends z.core.$ZodType>(item: T) => z.object({ count: z.int(), listed: z.array(item).check(z.maxLength(listedProblems)) });

/**
 * What a community names file would change (dry run) or changed. Nothing is written while the
 * file has unknown or repeated communities, invalid rows or clashes (a name used twice in a
 * sub-district, a code used twice).
 */
export const communityImportReportSchema = z.object({
  rows: z.int(),
  changes: z.array(z.object({ line, communityId: z.string(), subdistrictId: z.string(), before: communityNaming, after: communityNaming })).check(z.maxLength(listedNameChanges)),
  unchanged: z.int(),
  unknownCommunities: problems(z.object({ line, community: z.string() })),
  duplicates: problems(z.object({ line, firstLine: line, community: z.string() })),
  clashes: problems(z.object({ line, communityId: z.string(), field: z.enum(['nameZh', 'code']), value: z.string(), others: z.array(z.string()).check(z.maxLength(20)) })),
  invalid: problems(z.object({ line, message: z.string() })),
  written: z.boolean(),
});
export type CommunityImportReport = z.infer<typeof communityImportReportSchema>;

/** Whether a report lets the file be written. */
export function communityImportIsClean(report: CommunityImportReport): boolean {
  return report.unknownCommunities.count + report.duplicates.count + report.clashes.count + report.invalid.count === 0;
}

/** A community whose Chinese name another community of its sub-district has, or whose code another has. */
export interface CommunityClash {
  communityId: string;
  field: 'nameZh' | 'code';
  value: string;
  others: string[];
}

/**
 * The communities with the changes applied: a Chinese name used twice in a sub-district (the
 * register import finds communities by name) or a code used twice is a clash of each changed one.
 */
export function communityClashes(current: readonly EditedCommunity[], changed: readonly EditedCommunity[]): Map<string, CommunityClash> {
  const byId = new Map(current.map((c) => [c.id, c]));
  for (const community of changed) byId.set(community.id, community);
  const keysOf = (c: EditedCommunity) => ({ nameZh: `${c.subdistrictId}\u0001${c.nameZh}`, code: c.code === '' ? undefined : c.code });
  const holders = new Map<string, string[]>();
  for (const community of byId.values()) {
    const keys = keysOf(community);
    for (const [field, key] of Object.entries(keys)) if (key !== undefined) holders.set(`${field}\u0001${key}`, [...(holders.get(`${field}\u0001${key}`) ?? []), community.id]);
  }
  const clashes = new Map<string, CommunityClash>();
  for (const community of changed) {
    const keys = keysOf(community);
    for (const field of ['nameZh', 'code'] as const) {
      const others = keys[field] === undefined ? [] : (holders.get(`${field}\u0001${keys[field]}`) ?? []).filter((id) => id !== community.id);
      if (others.length > 0 && !clashes.has(community.id)) clashes.set(community.id, { communityId: community.id, field, value: community[field], others: others.slice(0, 20) });
    }
  }
  return clashes;
}

/** A clash in the words of an HTTP error (the pages word it from its fields). */
export function clashMessage(clash: CommunityClash): string {
  return clash.field === 'nameZh'
    ? `nameZh: ${clash.value} is also the name of ${clash.others.join(', ')} in the same sub-district`
    : `code: ${clash.value} is also the code of ${clash.others.join(', ')}`;
}
