import { createHash } from 'node:crypto';
import { useSha256 } from '../shared/hashing';

/**
 * Has the shared hashing use Node's native SHA-256 (the same digest, several times faster on a
 * large batch). Called by whatever builds the server or seeds its data, never on import.
 */
export function useNativeSha256(): void {
  useSha256((bytes) => createHash('sha256').update(bytes).digest());
}
