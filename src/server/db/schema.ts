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

export interface DatabaseSchema {
  users: UsersTable;
  sessions: SessionsTable;
  subdistricts: SubdistrictsTable;
  communities: CommunitiesTable;
  rounds: RoundsTable;
  audit_log: AuditLogTable;
}
