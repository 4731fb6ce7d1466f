import type { Generated } from 'kysely';
import type { NegativeItemSource } from '../../shared/cases/api';
import type { CaseState } from '../../shared/cases/machine';
import type { Audience } from '../../shared/records';
import type { Role, ScopeLevel } from '../../shared/roles';
import type { ScoreLevel } from '../../shared/rounds/public-api';
import type { RoundState } from '../../shared/rounds/lifecycle';
import type { ScoringChannel } from '../../shared/scoring/settings';

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
  /** 1 when the administrator set the password: the user must change it before anything else. */
  must_change_password: Generated<number>;
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
  /** The official code (统计用区划代码 or the district's own), unique when set. */
  code: string | null;
  active: Generated<number>;
}

export interface CommunitiesTable {
  id: string;
  subdistrict_id: string;
  name_zh: string;
  name_en: string;
  /** The official code, unique when set. */
  code: string | null;
  active: Generated<number>;
}

export interface RoundsTable {
  id: string;
  starts_on: string;
  ends_on: string;
  state: Generated<RoundState>;
  /** JSON ScoringSettings, frozen once the round opens; null only for a round stored without the lifecycle. */
  settings: string | null;
  settings_version: Generated<number>;
  synthetic: Generated<number>;
  opened_at: IsoTime | null;
  closed_at: IsoTime | null;
  published_at: IsoTime | null;
}

export interface RoundEventsTable {
  id: string;
  round_id: string;
  at: IsoTime;
  user_id: string | null;
  action: string;
  from_state: RoundState | null;
  to_state: RoundState;
  settings_version: number;
  reason: string | null;
}

/** A supervisor's decisions on one response: admitting or excluding it when late, voiding it. */
export interface ResponseDecisionsTable {
  record_id: string;
  round_id: string;
  late_decision: 'admitted' | 'excluded' | null;
  late_decided_by: string | null;
  late_decided_at: IsoTime | null;
  voided_by: string | null;
  voided_at: IsoTime | null;
  void_reason: string | null;
}

/** What each folded response contributes, so that a void or an admission moves only its cells. */
export interface ScoreResponsesTable {
  record_id: string;
  round_id: string;
  subdistrict_id: string;
  community_id: string;
  author_id: string;
  channel: ScoringChannel;
  audience: Audience;
  received_at: IsoTime;
  late: number;
  counted: number;
  scores: string | null;
  /** The response this one corrects (its `supersedes`): that one stops counting. */
  supersedes: string | null;
}

export interface ScoreCellsTable {
  round_id: string;
  /** 'worker': a community's field respondents of one worker (unit_id names both), for the interviewer design effect. */
  level: ScoreLevel | 'worker';
  unit_id: string;
  channel: ScoringChannel;
  audience: Audience;
  respondents: number;
  n: number;
  sum: number;
  sum_sq: number;
  statistics: string;
}

/** The change-log position, (txid, seq) as pulls use it, of the last response folded. */
export interface ScoreWatermarksTable {
  name: string;
  txid: number;
  seq: number;
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

/** Each user who uploaded a blob's bytes (the first one is also `blobs.uploaded_by`, whose quota it counts against). */
export interface BlobUploadersTable {
  hash: string;
  user_id: string;
}

/** A blob upload in progress: `received` bytes of `length`, held in its parts. */
export interface BlobUploadsTable {
  hash: string;
  user_id: string;
  length: number;
  received: number;
  content_type: string;
  updated_at: IsoTime;
}

export interface BlobUploadPartsTable {
  hash: string;
  user_id: string;
  offset: number;
  bytes: Uint8Array;
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

/** A device's proof that it signed in to the account before (only the key's SHA-256 is kept). */
export interface SignInKeysTable {
  key_hash: string;
  user_id: string;
  issued_at: IsoTime;
}

/** Every version of every questionnaire; a published one never changes. */
export interface QuestionnaireVersionsTable {
  questionnaire_id: string;
  version: number;
  state: 'draft' | 'published';
  audience: Audience;
  /** JSON QuestionnaireDefinition. */
  definition: string;
  created_at: IsoTime;
  created_by: string | null;
  published_at: IsoTime | null;
  published_by: string | null;
}

/** The questionnaire version a round uses for each audience. */
export interface RoundQuestionnairesTable {
  round_id: string;
  audience: Audience;
  questionnaire_id: string;
  version: number;
}

/** One row per online submission: its token's hash holds one response per phone per round. */
export interface OnlineSubmissionsTable {
  /** The stored response record's id. */
  submission_id: string;
  round_id: string;
  community_id: string;
  /** SHA-256 of the round and the browser's random token: the token itself is never stored. */
  token_hash: string;
  received_at: IsoTime;
  /** SHA-256 of the canonical answers; null for submissions stored before it was kept. */
  answers_hash: string | null;
  /** `OnlineSignals` as JSON; null for submissions stored before they were kept. */
  signals: string | null;
}

/** Secrets shared by every server process (random, made on first use). */
export interface ServerSecretsTable {
  name: string;
  value: string;
}

export interface DepartmentsTable {
  id: string;
  name_zh: string;
  name_en: string;
  synthetic: Generated<number>;
  active: Generated<number>;
}

export interface NegativeItemsTable {
  id: string;
  round_id: string;
  subdistrict_id: string;
  community_id: string;
  source: NegativeItemSource;
  indicator_id: string | null;
  category: string | null;
  text: string | null;
  response_count: number;
  /** JSON array of response ids. */
  response_ids: string;
  case_id: string | null;
  /** When a rebuild found none of its responses still counted (voided, superseded); null while it stands. */
  withdrawn_at: IsoTime | null;
}

export interface CasesTable {
  id: string;
  round_id: string;
  title: string;
  category: string;
  state: CaseState;
  subdistrict_id: string;
  /** JSON array of community ids. */
  community_ids: string;
  department_id: string | null;
  due_on: string | null;
  created_at: IsoTime;
  updated_at: IsoTime;
  assigned_at: IsoTime | null;
  reported_fixed_at: IsoTime | null;
  department_accepted_at: IsoTime | null;
  closed_at: IsoTime | null;
}

/** Append-only: rows are inserted, never updated or deleted. */
export interface CaseEventsTable {
  id: string;
  case_id: string;
  at: IsoTime;
  user_id: string | null;
  role: string | null;
  action: string;
  from_state: CaseState | null;
  to_state: CaseState;
  note: string | null;
  /** JSON array of blob hashes. */
  evidence: string;
  source_record_id: string | null;
}

/** A device's last report of what it holds, sent at the end of each successful sync. */
export interface DeviceReportsTable {
  device_id: string;
  user_id: string;
  reported_at: IsoTime;
  app_version: string;
  persistent_storage: number | null;
  free_bytes: number | null;
  unsent_by_kind: string;
  unsent: number;
  oldest_unsent_at: IsoTime | null;
  refused: number;
}

/** A record a push refused, or a conflicting version it kept; append-only. */
export interface RefusedRecordsTable {
  id: string;
  status: 'rejected' | 'conflict';
  record_id: string;
  kind: string | null;
  schema_version: number | null;
  record_hash: string | null;
  code: string | null;
  message: string;
  /** The record as received, as JSON; null above the bound (see payload_chars). */
  payload: string | null;
  payload_chars: number;
  payload_hash: string;
  pushed_by: string;
  device_id: string;
  batch_id: string;
  community_id: string | null;
  subdistrict_id: string | null;
  received_at: IsoTime;
}

/** The office's one decision on a refused record. */
export interface RefusalDecisionsTable {
  refusal_id: string;
  decision: 'accepted' | 'dismissed';
  reason: string | null;
  corrected_record_id: string | null;
  decided_by: string;
  decided_at: IsoTime;
}

/** The household register: one row per door, imported by the office. */
export interface HouseholdsTable {
  id: string;
  community_id: string;
  building: string;
  unit: string;
  room: string;
  created_at: IsoTime;
}

export interface DatabaseSchema {
  departments: DepartmentsTable;
  negative_items: NegativeItemsTable;
  cases: CasesTable;
  case_events: CaseEventsTable;
  rate_limits: RateLimitsTable;
  sign_in_keys: SignInKeysTable;
  records: RecordsTable;
  record_conflicts: RecordConflictsTable;
  blobs: BlobsTable;
  blob_uploaders: BlobUploadersTable;
  blob_uploads: BlobUploadsTable;
  blob_upload_parts: BlobUploadPartsTable;
  entities: EntitiesTable;
  changes: ChangesTable;
  users: UsersTable;
  sessions: SessionsTable;
  subdistricts: SubdistrictsTable;
  communities: CommunitiesTable;
  rounds: RoundsTable;
  round_events: RoundEventsTable;
  response_decisions: ResponseDecisionsTable;
  score_responses: ScoreResponsesTable;
  score_cells: ScoreCellsTable;
  score_watermarks: ScoreWatermarksTable;
  audit_log: AuditLogTable;
  questionnaire_versions: QuestionnaireVersionsTable;
  round_questionnaires: RoundQuestionnairesTable;
  online_submissions: OnlineSubmissionsTable;
  server_secrets: ServerSecretsTable;
  device_reports: DeviceReportsTable;
  households: HouseholdsTable;
  refused_records: RefusedRecordsTable;
  refusal_decisions: RefusalDecisionsTable;
}
