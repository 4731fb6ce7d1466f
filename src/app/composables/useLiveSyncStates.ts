import { onScopeDispose, shallowRef, watch } from 'vue';
import type { SyncState } from '../db/database';
import { watchSyncStates } from '../db/outbox';

/**
 * The sync state of the records a list shows, read live from the device's records (the source the
 * sync bar reads), so a badge turns from 等待同步 to 已同步 the moment a sync sends the record, not
 * when the page is next opened. `stateOf(id, loaded)` falls back to the state the list loaded.
 */
export function useLiveSyncStates(ids: () => readonly string[]) {
  const states = shallowRef(new Map<string, SyncState>());
  let stop: (() => void) | undefined;
  watch(
    () => ids().join('\n'),
    () => {
      stop?.();
      stop = watchSyncStates(ids(), (next) => (states.value = next));
    },
    { immediate: true },
  );
  onScopeDispose(() => stop?.());
  return { stateOf: (id: string, loaded: SyncState): SyncState => states.value.get(id) ?? loaded };
}
