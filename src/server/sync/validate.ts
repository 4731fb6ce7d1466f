import type { SessionUser } from '../../shared/auth';
import { checkEnvelope, checkRecord, type FinalisedRecord, type RecordVersionRegistry } from '../../shared/records';
import type { PushResult } from '../../shared/sync';
import { authorshipRefusal, kindRefusal } from './authorise';
import { rejected } from './results';

/** A record whose envelope, data and hash hold, with its data as sent and upgraded to the current version. */
export interface CheckedRecord {
  record: FinalisedRecord;
  /** As sent, parsed by its version's schema: what is stored. */
  data: Record<string, unknown>;
  /** Upgraded to the current version: what the rules read. */
  current: Record<string, unknown>;
}

export type Prechecked = { ok: true; checked: CheckedRecord } | { ok: false; result: PushResult };

/**
 * The checks that need no database, one record at a time, before the batch's transaction opens:
 * the envelope, the pusher's right to the kind, the data against its version's schema and the
 * hash, then the pusher's right to the record's author and community.
 */
export function precheckRecord(user: SessionUser, raw: unknown, registry: RecordVersionRegistry): Prechecked {
  const envelope = checkEnvelope(raw);
  if (!envelope.ok) return { ok: false, result: rejected(envelope.id, envelope.error) };
  const { record } = envelope;
  const forbiddenKind = kindRefusal(user, record);
  if (forbiddenKind) return { ok: false, result: forbiddenKind };
  const checked = checkRecord(record, registry);
  if (!checked.ok) return { ok: false, result: rejected(record.id, checked.error) };
  const notTheirs = authorshipRefusal(user, record, checked.current);
  if (notTheirs) return { ok: false, result: notTheirs };
  return { ok: true, checked: { record, data: checked.data, current: checked.current } };
}
