import type { SessionUser } from '../../shared/auth';
import type { BlobReference } from '../repositories/blobs';

/**
 * Whether a user may see a blob: their own upload, or one referenced by a record in their scope
 * (field roles: their communities; officers: their sub-district; district roles: everything).
 * `references` is called only when the answer depends on it.
 */
export async function maySeeBlob(user: SessionUser, uploaders: readonly string[], references: () => Promise<readonly BlobReference[]>): Promise<boolean> {
  // The common cases (a device checking its own upload, a district role) need no lookup.
  if (uploaders.includes(user.id) || user.scope.level === 'district') return true;
  const unitOf = (reference: BlobReference) =>
    user.scope.level === 'subdistrict' ? reference.subdistrictId : user.scope.level === 'department' ? (reference.departmentId ?? '') : reference.communityId;
  return (await references()).some((reference) => user.scope.ids.includes(unitOf(reference)));
}
