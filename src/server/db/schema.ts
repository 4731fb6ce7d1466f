import type { Generated } from 'kysely';
import type { Role, ScopeLevel } from '../../shared/roles';

/** Timestamps are ISO-8601 UTC strings so that SQLite and PostgreSQL store them alike. */
type IsoTime = string;

export interface UsersTable {
  id: string;
  username: string;
  display_name: string;
  role: Role;
  scope_level: ScopeLevel;
  /** JSON array of the unit ids at `scope_level`. */
  scope_ids: string;
  password_hash: string;
  created_at: IsoTime;
  disabled_at: IsoTime | null;
}

export interface SessionsTable {
  /** SHA-256 of the bearer token: a leaked database does not leak usable tokens. */
  token_hash: string;
  user_id: string;
  created_at: IsoTime;
  expires_at: IsoTime;
}

export interface SubdistrictsTable {
  id: string;
  name_zh: string;
  name_en: string;
}

export interface CommunitiesTable {
  id: string;
  subdistrict_id: string;
  name_zh: string;
  name_en: string;
}

export interface RoundsTable {
  id: string;
  starts_on: string;
  ends_on: string;
}

export interface AuditLogTable {
  /** UUID v7: time-ordered and portable across both databases. */
  id: string;
  at: IsoTime;
  user_id: string | null;
  action: string;
  details: string;
}

export interface RecordsTable {
  id: string;
  kind: string;
  schema_version: number;
  hash: string;
  /** Canonical JSON of the record's data. */
  data: string;
  community_id: string;
  author_id: string;
  device_id: string;
  pushed_by: string;
  batch_id: string;
  received_at: IsoTime;
}

export interface RecordConflictsTable {
  id: string;
  record_id: string;
  hash: string;
  schema_version: number;
  data: string;
  pushed_by: string;
  device_id: string;
  batch_id: string;
  received_at: IsoTime;
}

export interface BlobsTable {
  hash: string;
  bytes: Uint8Array;
  size: number;
  content_type: string;
  uploaded_by: string;
  created_at: IsoTime;
}

export interface EntitiesTable {
  kind: string;
  id: string;
  data: string;
  community_id: string | null;
  subdistrict_id: string | null;
  user_id: string | null;
  updated_at: IsoTime;
  deleted_at: IsoTime | null;
}

export interface ChangesTable {
  seq: Generated<number>;
  kind: string;
  entity_id: string;
  /** JSON snapshot of the entity after the change; null for a deletion (tombstone). */
  data: string | null;
  deleted: number;
  community_id: string | null;
  subdistrict_id: string | null;
  /** Set when only this user may pull the change (own records, own assignments). */
  user_id: string | null;
  changed_at: IsoTime;
  /** The writing transaction on PostgreSQL (xid8), 0 on SQLite: pulls order by (txid, seq). */
  txid: Generated<number>;
}

export interface RateLimitsTable {
  key: string;
  hits: number;
  window_ends_at: IsoTime;
}

export interface DatabaseSchema {
  rate_limits: RateLimitsTable;
  records: RecordsTable;
  record_conflicts: RecordConflictsTable;
  blobs: BlobsTable;
  entities: EntitiesTable;
  changes: ChangesTable;
  users: UsersTable;
  sessions: SessionsTable;
  subdistricts: SubdistrictsTable;
  communities: CommunitiesTable;
  rounds: RoundsTable;
  audit_log: AuditLogTable;
}
