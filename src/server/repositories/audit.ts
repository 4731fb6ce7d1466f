import { v7 as uuidv7 } from 'uuid';
import type { Database } from '../db/database';

export function createAuditRepository(db: Database, now: () => Date) {
  return {
    async record(userId: string | null, action: string, details: Record<string, unknown>): Promise<void> {
      await db
        .insertInto('audit_log')
        .values({ id: uuidv7(), at: now().toISOString(), user_id: userId, action, details: JSON.stringify(details) })
        .execute();
    },
  };
}
export type AuditRepository = ReturnType<typeof createAuditRepository>;
