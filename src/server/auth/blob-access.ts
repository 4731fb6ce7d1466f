import type { SessionUser } from '../../shared/auth';
import type { BlobReference } from '../repositories/blobs';

/**
 * Whether a user may see a blob: their own upload, or one referenced by a record in their scope
 * (field roles: their communities; officers: their sub-district; district roles: everything).
 */
export function maySeeBlob(user: SessionUser, uploadedBy: string, references: readonly BlobReference[]): boolean {
  if (uploadedBy === user.id) return true;
  switch (user.scope.level) {
    case 'district':
      return true;
    case 'subdistrict':
      return references.some((reference) => user.scope.ids.includes(reference.subdistrictId));
    case 'community':
      return references.some((reference) => user.scope.ids.includes(reference.communityId));
  }
}
