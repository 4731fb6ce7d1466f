import type { SessionUser } from '../../shared/auth';
import type { DeviceRecordKind, FinalisedRecord } from '../../shared/records';
import type { Role } from '../../shared/roles';
import { rejected } from './results';

/**
 * Who may push what, decided from the pusher and the record alone. The rights that need the
 * database (another user's id, a case's sub-district, an image's uploader) are in check-references.ts.
 */

/** Which record kinds each role may push; office roles import exported files on behalf of others. */
const pushableKinds: Readonly<Record<Role, readonly DeviceRecordKind[] | 'all'>> = {
  grid_worker: ['household', 'visit', 'response', 'signature', 'revisit'],
  legal_adviser: ['deliberation', 'signature', 'deliberation_follow_up'],
  subdistrict_officer: ['case_report'],
  supervisor: 'all',
  admin: 'all',
  department: [],
};

/** Roles that push records at all (the route refuses the others with 403). */
export const pushingRoles = (Object.keys(pushableKinds) as Role[]).filter((role) => pushableKinds[role] === 'all' || pushableKinds[role].length > 0);

/** Roles whose records must be their own work, in their own communities. */
const fieldRoles: readonly Role[] = ['grid_worker', 'legal_adviser'];

/** Why the pusher's role may not push a record of this kind at all (checked before its data). */
export function kindRefusal(user: SessionUser, record: FinalisedRecord) {
  const allowed = pushableKinds[user.role];
  return allowed !== 'all' && !allowed.includes(record.kind) ? rejected(record.id, `kind: the role ${user.role} may not push ${record.kind} records`) : undefined;
}

/** Why the pusher may not push this record as its data names author and community. */
export function authorshipRefusal(user: SessionUser, record: FinalisedRecord, current: Record<string, unknown>) {
  if (fieldRoles.includes(user.role)) {
    if (current.authorId !== user.id) return rejected(record.id, 'data.authorId: a field worker may push only records they made');
    if (!user.scope.ids.includes(String(current.communityId))) return rejected(record.id, `data.communityId: ${String(current.communityId)} is outside your communities`);
  }
  // An officer's reports are its own; their case's sub-district is checked against the database (check-references.ts).
  if (user.role === 'subdistrict_officer' && current.authorId !== user.id) return rejected(record.id, 'data.authorId: an officer may push only reports they made');
  return undefined;
}
