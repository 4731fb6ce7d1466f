import type { SessionUser } from '../../shared/auth';
import type { PushResult } from '../../shared/sync';
import { referenceProblem } from './check-references';
import type { PushLookups } from './look-up';
import { anotherUsersRecord, conflict, duplicate } from './results';
import type { CheckedRecord, Prechecked } from './validate';

/**
 * Each id is stored once: a resend with the same hash is a `duplicate`, a different hash a
 * `conflict` kept beside the first version, which is never overwritten.
 */
export interface SortedBatch {
  /** One answer per pushed record, in the order pushed; `accepted` ones are still to be written. */
  results: PushResult[];
  /** Records new to the server, in the order decided (their changes are published in this order). */
  accepted: CheckedRecord[];
  /** Other versions of stored ids, once per id and hash. */
  conflicts: CheckedRecord[];
}

const versionKey = ({ record }: CheckedRecord) => `${record.id}:${record.hash}`;

/** Sorts a prechecked batch into accepted, duplicates, conflicts and refusals, given what is stored. */
export function sortBatch(records: readonly Prechecked[], lookups: PushLookups, user: SessionUser): SortedBatch {
  const results: PushResult[] = new Array(records.length);
  const accepted: CheckedRecord[] = [];
  const conflicts = new Map<string, CheckedRecord>();
  const acceptedHashes = new Map<string, string>();

  const decide = (checked: CheckedRecord): PushResult => {
    const { record } = checked;
    const problem = referenceProblem(checked, lookups, acceptedHashes, user);
    if (problem) return problem;
    const existing = acceptedHashes.get(record.id) ?? lookups.stored.get(record.id)?.hash;
    if (existing === record.hash) return duplicate(record.id);
    if (existing !== undefined) {
      if (!conflicts.has(versionKey(checked))) conflicts.set(versionKey(checked), checked);
      return conflict(record.id);
    }
    acceptedHashes.set(record.id, record.hash);
    accepted.push(checked);
    return { id: record.id, status: 'accepted' };
  };

  // Signatures last, so that one may sign a record earlier or later in the same batch.
  const isSignature = (p: Prechecked) => p.ok && p.checked.record.kind === 'signature';
  const order = records.map((p, index) => ({ p, index }));
  for (const { p, index } of [...order.filter(({ p }) => !isSignature(p)), ...order.filter(({ p }) => isSignature(p))]) {
    results[index] = p.ok ? decide(p.checked) : p.result;
  }
  return { results, accepted, conflicts: [...conflicts.values()] };
}

/**
 * A concurrent push may have stored an id after it was looked up: answers the batch's records of
 * those ids as the row now stored (`raced`) says, and keeps the conflicts that follow from it.
 */
export function settleRaces(records: readonly Prechecked[], sorted: SortedBatch, raced: PushLookups['stored']): SortedBatch {
  if (raced.size === 0) return sorted;
  const results = [...sorted.results];
  // Nothing of a raced id was stored before this batch, so its conflicts so far were within the batch.
  const conflicts = new Map(sorted.conflicts.filter(({ record }) => !raced.has(record.id)).map((checked) => [versionKey(checked), checked]));
  records.forEach((pushed, index) => {
    const winner = pushed.ok ? raced.get(pushed.checked.record.id) : undefined;
    if (!pushed.ok || !winner || results[index]!.status === 'rejected') return;
    const { record, current } = pushed.checked;
    if (winner.hash === record.hash) results[index] = duplicate(record.id);
    else if (winner.authorId !== current.authorId) results[index] = anotherUsersRecord(record.id);
    else {
      if (!conflicts.has(versionKey(pushed.checked))) conflicts.set(versionKey(pushed.checked), pushed.checked);
      results[index] = conflict(record.id);
    }
  });
  return { results, accepted: sorted.accepted.filter(({ record }) => !raced.has(record.id)), conflicts: [...conflicts.values()] };
}
