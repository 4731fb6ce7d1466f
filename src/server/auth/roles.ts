import type { Role } from '../../shared/roles';

/** Roles that push records, and so upload the signature images (later photos) records reference. */
export const recordPushingRoles: readonly Role[] = ['grid_worker', 'legal_adviser', 'supervisor', 'admin'];
