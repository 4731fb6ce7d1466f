import type { PushResult } from '../../shared/sync';

/** The answers a pushed record may get besides `accepted`, worded once for every stage. */

export function rejected(id: string, error: string): PushResult {
  return { id, status: 'rejected', code: 'invalid', error };
}

/** A version of an id that another user's record holds is refused, never kept as a conflict. */
export function anotherUsersRecord(id: string): PushResult {
  return rejected(id, "id: belongs to another user's record");
}

export const conflictMessage = 'another version of this record is already stored; both are kept for a supervisor';

export function conflict(id: string): PushResult {
  return { id, status: 'conflict', error: conflictMessage };
}

export function duplicate(id: string): PushResult {
  return { id, status: 'duplicate' };
}
