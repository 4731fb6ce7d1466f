import Dexie from 'dexie';
import type { CodedError } from '../errors/codes';
import { appDatabase, closeAppDatabase } from './database';

/**
 * The device's storage: persistence, usage, and the write policy. Every write in src/app/db goes
 * through `writeWithReopen`, so callers never handle a closed connection themselves.
 */

export interface StorageEstimate {
  usage: number;
  quota: number;
}

type StorageManagerLike = Pick<StorageManager, 'persist' | 'persisted' | 'estimate'>;

function storageManager(): StorageManagerLike | undefined {
  return typeof navigator === 'undefined' ? undefined : navigator.storage;
}

/** Whether the browser promised not to evict our data; undefined where it cannot tell. */
export async function isPersisted(manager = storageManager()): Promise<boolean | undefined> {
  return manager?.persisted ? manager.persisted() : undefined;
}

/** Asks once per device (the browser may show a prompt); later calls only report the answer. */
export async function requestPersistence(manager = storageManager()): Promise<boolean | undefined> {
  if (!manager?.persist) return undefined;
  if (await manager.persisted()) return true;
  const firstAsk = await writeWithReopen(async () => {
    const db = appDatabase();
    if (await db.meta.get('persistenceRequestedAt')) return false;
    await db.meta.put({ key: 'persistenceRequestedAt', value: new Date().toISOString() });
    return true;
  });
  return firstAsk ? manager.persist() : false;
}

export async function estimateStorage(manager = storageManager()): Promise<StorageEstimate | undefined> {
  if (!manager?.estimate) return undefined;
  const { usage = 0, quota = 0 } = await manager.estimate();
  return { usage, quota };
}

export type WriteFailureReason = 'quota' | 'closed' | 'unknown';

/** A write to the device that did not happen; the caller keeps what it tried to write. */
export class StorageWriteError extends Error implements CodedError {
  readonly code;
  constructor(
    readonly reason: WriteFailureReason,
    override readonly cause: unknown,
  ) {
    super(`could not write to the device's storage (${reason})`);
    this.name = 'StorageWriteError';
    this.code = `storage_${reason}` as const;
  }
}

function errorNames(error: unknown): string[] {
  const names: string[] = [];
  for (let current: unknown = error; current && typeof current === 'object' && names.length < 4; current = (current as { inner?: unknown }).inner) {
    names.push(String((current as { name?: unknown }).name));
  }
  return names;
}

function failureReason(error: unknown): WriteFailureReason {
  const names = errorNames(error);
  if (names.includes('QuotaExceededError')) return 'quota';
  if (names.some((name) => name === Dexie.errnames.DatabaseClosed || name === 'InvalidStateError')) return 'closed';
  return 'unknown';
}

/**
 * Runs a write; if the browser closed the connection under it (iOS does so under memory pressure),
 * reopens the database and tries once more. Failures come out as a StorageWriteError.
 */
export async function writeWithReopen<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (failureReason(error) !== 'closed') throw new StorageWriteError(failureReason(error), error);
    await closeAppDatabase();
    try {
      return await write();
    } catch (retryError) {
      throw new StorageWriteError(failureReason(retryError), retryError);
    }
  }
}
