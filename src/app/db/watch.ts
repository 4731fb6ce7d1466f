import { liveQuery } from 'dexie';
import { appDatabase } from './database';

/**
 * Calls `listener` after each later write to pulled data, records or drafts, from this page or
 * another tab (a pull, a sync state, a draft saved elsewhere). Returns the unsubscribe function.
 */
export function onDeviceDataChange(listener: () => void): () => void {
  const db = appDatabase();
  let initial = true;
  // Counting reads each whole table, so any write to it wakes the query up.
  const subscription = liveQuery(() => Promise.all([db.reference.count(), db.records.count(), db.drafts.count()])).subscribe({
    next: () => {
      if (initial) initial = false;
      else listener();
    },
    error: () => undefined,
  });
  return () => subscription.unsubscribe();
}
