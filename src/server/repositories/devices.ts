import type { DeviceReport } from '../../shared/devices';
import type { Role } from '../../shared/roles';
import type { Database } from '../db/database';

export interface StoredDeviceReport extends DeviceReport {
  userId: string;
  username: string;
  userName: string;
  role: Role;
  scopeIds: string[];
  lastSyncAt: string;
  unsent: number;
}

const fieldRoles: Role[] = ['grid_worker', 'legal_adviser'];

/** Each device's last report of what it holds; one row per device, the last reporter's. */
export function createDevicesRepository(db: Database, now: () => Date) {
  return {
    async saveReport(userId: string, report: DeviceReport): Promise<void> {
      const unsent = Object.values(report.unsentByKind).reduce((sum, n) => sum + (n ?? 0), 0);
      const row = {
        user_id: userId,
        reported_at: now().toISOString(),
        app_version: report.appVersion,
        persistent_storage: report.persistentStorage === null ? null : Number(report.persistentStorage),
        free_bytes: report.freeBytes === null ? null : Math.round(report.freeBytes),
        unsent_by_kind: JSON.stringify(report.unsentByKind),
        unsent,
        oldest_unsent_at: report.oldestUnsentAt,
        refused: report.refused,
      };
      await db
        .insertInto('device_reports')
        .values({ device_id: report.deviceId, ...row })
        .onConflict((oc) => oc.column('device_id').doUpdateSet(row))
        .execute();
    },

    /** Every device with its user, oldest sync first. */
    async listReports(): Promise<StoredDeviceReport[]> {
      const rows = await db
        .selectFrom('device_reports')
        .innerJoin('users', 'users.id', 'device_reports.user_id')
        .selectAll('device_reports')
        .select(['users.username', 'users.display_name', 'users.role', 'users.scope_ids'])
        .orderBy('device_reports.reported_at')
        .orderBy('device_reports.device_id')
        .execute();
      return rows.map((row) => ({
        deviceId: row.device_id,
        appVersion: row.app_version,
        persistentStorage: row.persistent_storage === null ? null : row.persistent_storage === 1,
        freeBytes: row.free_bytes === null ? null : Number(row.free_bytes),
        unsentByKind: JSON.parse(row.unsent_by_kind) as DeviceReport['unsentByKind'],
        oldestUnsentAt: row.oldest_unsent_at,
        refused: row.refused,
        unsent: row.unsent,
        lastSyncAt: row.reported_at,
        userId: row.user_id,
        username: row.username,
        userName: row.display_name,
        role: row.role,
        scopeIds: JSON.parse(row.scope_ids) as string[],
      }));
    },

    /** Active field workers none of whose devices ever reported. */
    async fieldUsersWithoutReports() {
      const rows = await db
        .selectFrom('users')
        .select(['id', 'username', 'display_name', 'role', 'scope_ids'])
        .where('role', 'in', fieldRoles)
        .where('disabled_at', 'is', null)
        .where(({ not, exists, selectFrom }) => not(exists(selectFrom('device_reports').select('device_id').whereRef('device_reports.user_id', '=', 'users.id'))))
        .orderBy('username')
        .execute();
      return rows.map((row) => ({ userId: row.id, username: row.username, userName: row.display_name, role: row.role, scopeIds: JSON.parse(row.scope_ids) as string[] }));
    },
  };
}
export type DevicesRepository = ReturnType<typeof createDevicesRepository>;
