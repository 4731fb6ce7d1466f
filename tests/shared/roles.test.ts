import { describe, expect, it } from 'vitest';
import { isScopeValidForRole, roles, scopeLevelOfRole, scopeSchema } from '../../src/shared/roles';

describe('roles and scopes', () => {
  it('binds field roles to communities, officers to sub-districts, the office to the district, departments to one department', () => {
    expect(roles.map((role) => scopeLevelOfRole[role])).toEqual(['community', 'community', 'subdistrict', 'district', 'district', 'department']);
    expect(isScopeValidForRole('department', { level: 'department', ids: ['dept-urban-management'] })).toBe(true);
    expect(isScopeValidForRole('department', { level: 'district', ids: ['gulou'] })).toBe(false);
    expect(isScopeValidForRole('grid_worker', { level: 'community', ids: ['yijiangmen-c01'] })).toBe(true);
    expect(isScopeValidForRole('grid_worker', { level: 'district', ids: ['gulou'] })).toBe(false);
  });

  it('requires at least one unit in a scope', () => {
    expect(scopeSchema.safeParse({ level: 'community', ids: [] }).success).toBe(false);
    expect(scopeSchema.safeParse({ level: 'street', ids: ['x'] }).success).toBe(false);
    expect(scopeSchema.safeParse({ level: 'subdistrict', ids: ['xiaguan'] }).success).toBe(true);
  });
});
