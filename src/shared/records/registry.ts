import * as caseReportV1 from './case-report/v1';
import * as deliberationV1 from './deliberation/v1';
import * as deliberationV2 from './deliberation/v2';
import * as deliberationFollowUpV1 from './deliberation-follow-up/v1';
import * as householdV1 from './household/v1';
import { deviceRecordKinds, type DeviceRecordKind } from './kinds';
import * as responseV1 from './response/v1';
import * as revisitV1 from './revisit/v1';
import * as signatureV1 from './signature/v1';
import { hashesIn, type BlobField, type Data, type RecordKindVersion } from './version';
import * as visitV1 from './visit/v1';

/**
 * Each kind's versions, oldest first: version n is entry n - 1, the last is current. A new version
 * is a new module `<kind>/v<n>.ts` (schema, `up` from n - 1, blob fields) added at the end of its
 * kind's list; a new kind is a folder with its `v1.ts`, a line here and its name in `kinds.ts`.
 */
const kinds = {
  household: [householdV1],
  visit: [visitV1],
  response: [responseV1],
  signature: [signatureV1],
  deliberation: [deliberationV1, deliberationV2],
  deliberation_follow_up: [deliberationFollowUpV1],
  revisit: [revisitV1],
  case_report: [caseReportV1],
} as const satisfies Record<DeviceRecordKind, readonly RecordKindVersion[]>;

type Current<K extends DeviceRecordKind> = (typeof kinds)[K] extends readonly [...unknown[], infer Last extends RecordKindVersion] ? Last : never;

/** Each kind's versions, oldest first. */
export type RecordVersionRegistry = Readonly<Record<DeviceRecordKind, readonly RecordKindVersion[]>>;

export const recordVersions: RecordVersionRegistry = kinds;

/** The current version's schema of each kind's data. */
export const recordDataSchemas = Object.fromEntries(deviceRecordKinds.map((kind) => [kind, kinds[kind][kinds[kind].length - 1]!.schema])) as {
  readonly [K in DeviceRecordKind]: Current<K>['schema'];
};

export type RecordData<K extends DeviceRecordKind> = ReturnType<Current<K>['schema']['parse']>;

export function currentVersions(registry: RecordVersionRegistry): Record<DeviceRecordKind, number> {
  return Object.fromEntries(deviceRecordKinds.map((kind) => [kind, registry[kind].length])) as Record<DeviceRecordKind, number>;
}

/** The current schema version of each kind's data. */
export const recordSchemaVersions: Readonly<Record<DeviceRecordKind, number>> = currentVersions(recordVersions);

type RecordLike = { kind: DeviceRecordKind; schemaVersion: number; data: Data };

/**
 * The blobs a record binds, each with the field that names it (`data.photos`), read by the version
 * its data is in. Data of a version this app does not know (made by a newer one) is read by the
 * current version's fields.
 */
export function recordBlobReferences(record: RecordLike, registry: RecordVersionRegistry = recordVersions): Array<{ hash: string; field: string }> {
  const versions = registry[record.kind];
  const version = versions[record.schemaVersion - 1] ?? versions[versions.length - 1]!;
  return version.blobFields.flatMap((field) => hashesIn(field, record.data).map((hash) => ({ hash, field: `data.${field.field}` })));
}

/** The hashes of the blobs a record binds: each must be on the server before the record is, and travels with it in an export. */
export function recordBlobHashes(record: RecordLike, registry: RecordVersionRegistry = recordVersions): string[] {
  const versions = registry[record.kind];
  return (versions[record.schemaVersion - 1] ?? versions[versions.length - 1]!).blobHashes(record.data);
}

/**
 * Every field through which any version of a kind names a blob: stored data is in the version it
 * was made in, so a query over it must look at all of them.
 */
export function storedBlobFields(registry: RecordVersionRegistry = recordVersions): Array<{ kind: DeviceRecordKind } & BlobField> {
  return deviceRecordKinds.flatMap((kind) => {
    const seen = new Set<string>();
    return registry[kind].flatMap((version) => version.blobFields).flatMap((field) => {
      const key = `${field.holds}:${field.field}`;
      if (seen.has(key)) return [];
      seen.add(key);
      return [{ kind, ...field }];
    });
  });
}
