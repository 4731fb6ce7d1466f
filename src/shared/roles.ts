import { z } from 'zod/mini';

export const roles = ['grid_worker', 'legal_adviser', 'subdistrict_officer', 'supervisor', 'admin', 'department'] as const;
export const roleSchema = z.enum(roles);
export type Role = z.infer<typeof roleSchema>;

/** `department`: a district functional department (职能部门), reference data like the sub-districts. */
export const scopeLevels = ['district', 'subdistrict', 'community', 'department'] as const;
export const scopeLevelSchema = z.enum(scopeLevels);
export type ScopeLevel = z.infer<typeof scopeLevelSchema>;

/** Which organisational units a user may see and act on: the ids are of `level`'s units. */
export const scopeSchema = z.object({
  level: scopeLevelSchema,
  ids: z.array(z.string().check(z.minLength(1))).check(z.minLength(1)),
});
export type Scope = z.infer<typeof scopeSchema>;

/** The scope level each role works at; field roles are bound to communities. */
export const scopeLevelOfRole: Readonly<Record<Role, ScopeLevel>> = {
  grid_worker: 'community',
  legal_adviser: 'community',
  subdistrict_officer: 'subdistrict',
  supervisor: 'district',
  admin: 'district',
  department: 'department',
};

export function isScopeValidForRole(role: Role, scope: Scope): boolean {
  return scopeLevelOfRole[role] === scope.level;
}
