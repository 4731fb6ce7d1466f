import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { estimateStorage, isPersisted, requestPersistence, type StorageEstimate } from '../db/storage';

/** Warn when this share of the quota is used: signatures and drafts still need room. */
const nearlyFullShare = 0.8;

/** Whether the browser keeps our data for good, and how much room is left. */
export const useStorageStore = defineStore('storage', () => {
  const persisted = ref<boolean | undefined>(undefined);
  const estimate = ref<StorageEstimate | undefined>(undefined);

  const nearlyFull = computed(() => !!estimate.value && estimate.value.quota > 0 && estimate.value.usage / estimate.value.quota >= nearlyFullShare);

  async function refresh(): Promise<void> {
    [persisted.value, estimate.value] = await Promise.all([isPersisted(), estimateStorage()]);
  }

  /** Asks for persistent storage (once per device), then reports usage. */
  async function ensurePersisted(): Promise<void> {
    persisted.value = await requestPersistence();
    estimate.value = await estimateStorage();
  }

  return { persisted, estimate, nearlyFull, refresh, ensurePersisted };
});
