import { z } from 'zod/mini';
import { version } from '../../package.json';
import { boundedText, deviceRecordKindSchema } from './records';
import { roleSchema } from './roles';

/** The version of the app this server ships; a device reporting an older one is told to update. */
export const currentAppVersion: string = version;

const count = z.int().check(z.nonnegative());
const isoTime = z.iso.datetime({ offset: true });

/**
 * What a device holds, reported at the end of every successful sync (POST /api/devices/report).
 * Optional for other clients: the sync contract works without it.
 */
export const deviceReportSchema = z.object({
  deviceId: boundedText(100, 1),
  appVersion: boundedText(40, 1),
  /** Whether the browser promised not to evict the data; null where it cannot tell. */
  persistentStorage: z.nullable(z.boolean()),
  /** Quota left (bytes); null where the browser does not say. */
  freeBytes: z.nullable(z.number().check(z.nonnegative())),
  unsentByKind: z.partialRecord(deviceRecordKindSchema, count),
  /** Device time the oldest unsent record was finalised. */
  oldestUnsentAt: z.nullable(isoTime),
  /** Records the server refused, or holds another version of, still shown on the device. */
  refused: count,
});
export type DeviceReport = z.infer<typeof deviceReportSchema>;

export const fleetWarnings = ['unsent_over_a_day', 'storage_not_persistent', 'old_app_version', 'refused_records'] as const;
export const fleetWarningSchema = z.enum(fleetWarnings);
export type FleetWarning = z.infer<typeof fleetWarningSchema>;

const dayMs = 24 * 60 * 60 * 1000;

/** Orders dotted versions numerically ("0.10.0" is after "0.9.3"); parts that are not numbers count as 0. */
export function compareVersions(a: string, b: string): number {
  const parts = (v: string) => v.split(/[.+-]/).slice(0, 3).map((part) => Number.parseInt(part, 10) || 0);
  const [left, right] = [parts(a), parts(b)];
  for (let i = 0; i < 3; i++) {
    const difference = (left[i] ?? 0) - (right[i] ?? 0);
    if (difference !== 0) return Math.sign(difference);
  }
  return 0;
}

/** Why the office should look at a device: records waiting more than a day, evictable storage, an old app, refused records. */
export function deviceWarnings(report: Pick<DeviceReport, 'appVersion' | 'persistentStorage' | 'oldestUnsentAt' | 'refused'>, now: Date, appVersion = currentAppVersion): FleetWarning[] {
  const warnings: FleetWarning[] = [];
  if (report.oldestUnsentAt !== null && now.getTime() - Date.parse(report.oldestUnsentAt) > dayMs) warnings.push('unsent_over_a_day');
  if (report.persistentStorage === false) warnings.push('storage_not_persistent');
  if (compareVersions(report.appVersion, appVersion) < 0) warnings.push('old_app_version');
  if (report.refused > 0) warnings.push('refused_records');
  return warnings;
}

export const fleetDeviceSchema = z.object({
  ...deviceReportSchema.shape,
  userId: z.string(),
  username: z.string(),
  userName: z.string(),
  role: roleSchema,
  /** The user's scope units (communities for field roles). */
  scopeIds: z.array(z.string()),
  /** Server time of the device's last successful sync (its last report). */
  lastSyncAt: z.iso.datetime(),
  unsent: count,
  warnings: z.array(fleetWarningSchema),
});
export type FleetDevice = z.infer<typeof fleetDeviceSchema>;

export const fleetSchema = z.object({
  currentAppVersion: z.string(),
  devices: z.array(fleetDeviceSchema),
  /** Active grid workers and legal advisers with no device that ever reported. */
  neverSynced: z.array(z.object({ userId: z.string(), username: z.string(), userName: z.string(), role: roleSchema, scopeIds: z.array(z.string()) })),
});
export type Fleet = z.infer<typeof fleetSchema>;
