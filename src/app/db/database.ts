import Dexie, { type EntityTable, type Table } from 'dexie';
import type { SessionUser } from '../../shared/auth';
import type { DeviceRecordKind, FinalisedRecord } from '../../shared/records';
import type { RefusalDecision } from '../../shared/refusals';
import type { PushErrorCode } from '../../shared/sync';

/** The signed-in session, kept so that a signed-in user reopens the app offline. */
export interface StoredSession {
  key: 'current';
  /** Version of this stored shape; bump it with an upgrade in `AppDatabase`. */
  shape: 1;
  token: string;
  expiresAt: string;
  user: SessionUser;
  signedInAt: string;
}

/**
 * Where a record stands with the server. The outbox is every record in `pending`; there is no
 * second copy of it. `rejected` and `conflict` records are kept and shown with the server's message.
 */
export type SyncState = 'pending' | 'synced' | 'rejected' | 'conflict';

/** A finalised (immutable) record made on this device, or pulled from the server. */
export interface StoredRecord extends FinalisedRecord {
  kind: DeviceRecordKind;
  /** Copied from data for indexing: the device time it was finalised. */
  finalisedAt: string;
  syncState: SyncState;
  syncError?: string | undefined;
  /** The server's machine-readable reason, when it gave one; the UI words it from this. */
  syncCode?: PushErrorCode | undefined;
  syncedAt?: string | undefined;
  origin: 'local' | 'pulled';
  /**
   * What the office decided on a refused record (pulled as a `refusal_outcome`); the record itself
   * is kept. `seenAt`: when the device showed the decision, after which it is no longer a problem.
   */
  officeDecision?: OfficeDecision | undefined;
  /** What the user decided on a refused record on this device: corrected by a new record, or discarded with a reason. */
  userDecision?: UserDecision | undefined;
}

export interface UserDecision {
  decision: 'corrected' | 'discarded';
  reason: string | null;
  correctedRecordId: string | null;
  decidedAt: string;
}

export interface OfficeDecision {
  decision: RefusalDecision;
  reason: string | null;
  correctedRecordId: string | null;
  decidedAt: string;
  seenAt?: string | undefined;
}

/**
 * A signature image or other binary, addressed by the SHA-256 of its bytes. `draft`: kept for a
 * draft (a photo taken before the record is finalised), not sent until a finalised record names it.
 */
export interface StoredBlob {
  hash: string;
  blob: Blob;
  type: string;
  size: number;
  uploadState: 'draft' | 'pending' | 'uploaded';
}

/** Work in progress: saved as the user types, resumed after reload, crash or days. */
export interface StoredDraft {
  id: string;
  /** Version of this stored shape: its versions and their `up()` steps are `shapes/draft/v<n>.ts`. */
  shape: 1;
  kind: DeviceRecordKind;
  /** The form definition and version the draft was started with; kept until it is finished. */
  formId: string;
  formVersion: number;
  answers: Record<string, unknown>;
  /** Where to resume, e.g. the index of the current question. */
  position: number;
  /** What the draft is about (household, community, audience...), form-specific. */
  context: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
}

/** Server-owned data pulled to the device: communities, rounds, questionnaires, assignments... */
export interface StoredReference {
  kind: string;
  id: string;
  data: Record<string, unknown>;
}

export interface StoredMeta {
  key: string;
  value: unknown;
}

export const databaseName = 'gulou-survey';

export class AppDatabase extends Dexie {
  sessions!: EntityTable<StoredSession, 'key'>;
  records!: EntityTable<StoredRecord, 'id'>;
  blobs!: EntityTable<StoredBlob, 'hash'>;
  drafts!: EntityTable<StoredDraft, 'id'>;
  reference!: Table<StoredReference, [string, string]>;
  meta!: EntityTable<StoredMeta, 'key'>;

  constructor(name = databaseName) {
    super(name);
    this.version(1).stores({ sessions: 'key' });
    this.version(2).stores({
      records: 'id, kind, syncState, [kind+finalisedAt], [syncState+finalisedAt]',
      blobs: 'hash, uploadState',
      drafts: 'id, kind, updatedAt',
      reference: '[kind+id], kind',
      meta: 'key',
    });
  }
}

let current: AppDatabase | undefined;

/** The app's one database connection, opened on first use. */
export function appDatabase(): AppDatabase {
  current ??= new AppDatabase();
  return current;
}

/** Closes and forgets the connection (tests; and after the browser closed it, to reopen). */
export async function closeAppDatabase(): Promise<void> {
  current?.close();
  current = undefined;
}
