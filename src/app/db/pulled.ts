import type { Change } from '../../shared/sync';
import { deviceRecordKindSchema } from '../../shared/records';
import { refusalOutcomeKind } from '../../shared/refusals';
import { appDatabase, type StoredRecord } from './database';
import { applyRefusalOutcome } from './refusal-outcomes';
import { writeWithReopen } from './storage';

const checkpointKey = 'pullCheckpoint';

export async function pullCheckpoint(): Promise<string> {
  const stored = await appDatabase().meta.get(checkpointKey);
  return typeof stored?.value === 'string' ? stored.value : '0';
}

/**
 * Applies one page of pulled changes and its checkpoint in one transaction, so a crash never
 * leaves changes applied without the checkpoint (or the reverse). Server-owned data replaces what
 * was there; the user's own records from another device are added, and a local record is never
 * replaced by a pulled one. The office's decision on a refused record marks that record.
 */
export async function applyPulledChanges(changes: readonly Change[], checkpoint: string): Promise<void> {
  const db = appDatabase();
  await writeWithReopen(() =>
    db.transaction('rw', [db.reference, db.records, db.meta], async () => {
      for (const change of changes) {
        const recordKind = deviceRecordKindSchema.safeParse(change.kind);
        if (recordKind.success) {
          if (change.data && !(await db.records.get(change.id))) {
            const data = change.data as unknown as Pick<StoredRecord, 'schemaVersion' | 'hash' | 'data'>;
            await db.records.add({
              id: change.id,
              kind: recordKind.data,
              schemaVersion: data.schemaVersion,
              hash: data.hash,
              data: data.data,
              finalisedAt: String(data.data.finalisedAt ?? ''),
              syncState: 'synced',
              origin: 'pulled',
            });
          }
        } else if (change.kind === refusalOutcomeKind) {
          await applyRefusalOutcome(change);
        } else if (change.deleted || !change.data) {
          await db.reference.delete([change.kind, change.id]);
        } else {
          await db.reference.put({ kind: change.kind, id: change.id, data: change.data });
        }
      }
      await db.meta.put({ key: checkpointKey, value: checkpoint });
    }),
  );
}
