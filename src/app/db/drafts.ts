import type { DeviceRecordKind } from '../../shared/records';
import { appDatabase, type StoredDraft } from './database';

/** Drafts: work in progress, kept until finalised or discarded. */

export async function putDraft(draft: StoredDraft): Promise<void> {
  await appDatabase().drafts.put(draft);
}

export async function getDraft(id: string): Promise<StoredDraft | undefined> {
  return appDatabase().drafts.get(id);
}

/** A kind's drafts, most recently touched first. */
export async function listDrafts(kind: DeviceRecordKind): Promise<StoredDraft[]> {
  const drafts = await appDatabase().drafts.orderBy('updatedAt').reverse().toArray();
  return drafts.filter((draft) => draft.kind === kind);
}

export async function deleteDraft(id: string): Promise<void> {
  await appDatabase().drafts.delete(id);
}
