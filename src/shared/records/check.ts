import { nestsDeeperThan } from '../validation';
import { maxRecordDepth, recordHash, type FinalisedRecord } from './envelope';
import { issuesMessage } from './issues';
import type { DeviceRecordKind } from './kinds';
import { recordSchemaVersions, recordVersions, type RecordData, type RecordVersionRegistry } from './registry';
import type { Data } from './version';

export function finaliseRecord<K extends DeviceRecordKind>(kind: K, id: string, data: RecordData<K>): FinalisedRecord {
  const unhashed = { id, kind, schemaVersion: recordSchemaVersions[kind], data: data as Record<string, unknown> };
  return { ...unhashed, hash: recordHash(unhashed) };
}

/**
 * A record's data brought to its kind's current version by the `up` steps, without checking it.
 * The hash stays that of the record as made: verify it (recordHash) before upgrading.
 */
export function upgradeRecord(record: FinalisedRecord, registry: RecordVersionRegistry = recordVersions): FinalisedRecord {
  const versions = registry[record.kind];
  let data = record.data;
  for (let version = record.schemaVersion + 1; version <= versions.length; version += 1) data = versions[version - 1]!.up!(data);
  return { ...record, schemaVersion: versions.length, data };
}

export type RecordCheck =
  | {
      ok: true;
      /** The data as sent, parsed by its own version's schema: what is stored (its hash holds). */
      data: Data;
      /** The data upgraded to the current version and checked: what the server's rules read. */
      current: Data;
    }
  | { ok: false; error: string };

/**
 * Checks a record against the version it names (known to `registry`), its hash over the record as
 * made, then its data upgraded to the current version. Device and server use this one definition.
 */
export function checkRecord(record: FinalisedRecord, registry: RecordVersionRegistry = recordVersions): RecordCheck {
  const versions = registry[record.kind];
  const named = versions[record.schemaVersion - 1];
  if (!named) return { ok: false, error: `schemaVersion: ${record.kind} records are at version ${versions.length}, not ${record.schemaVersion}` };
  if (nestsDeeperThan(record.data, maxRecordDepth)) return { ok: false, error: `data: nests deeper than ${maxRecordDepth} levels` };
  if (recordHash(record) !== record.hash) return { ok: false, error: 'hash: does not match the canonical JSON of the record' };
  const asSent = named.schema.safeParse(record.data);
  if (!asSent.success) return { ok: false, error: issuesMessage(asSent.error.issues, 'data') };
  if (record.schemaVersion === versions.length) return { ok: true, data: asSent.data, current: asSent.data };
  const upgraded = versions[versions.length - 1]!.schema.safeParse(upgradeRecord({ ...record, data: asSent.data }, registry).data);
  if (!upgraded.success) return { ok: false, error: issuesMessage(upgraded.error.issues, `data (upgraded to version ${versions.length})`) };
  return { ok: true, data: asSent.data, current: upgraded.data };
}

/** Why a record is invalid ("field: reason; …"), or undefined when it is valid and its hash matches. */
export function validateRecord(record: FinalisedRecord, registry: RecordVersionRegistry = recordVersions): string | undefined {
  const checked = checkRecord(record, registry);
  return checked.ok ? undefined : checked.error;
}
