import type { z } from 'zod/mini';
import type { StoredDraft } from '../../database';
import { readVersioned, type ShapeVersion } from '../versioned';
import * as v1 from './v1';

/** A draft's versions, oldest first; `shape` names the version. A new one is `v<n>.ts` added at the end. */
export const draftVersions: readonly ShapeVersion[] = [v1];

/** The current version: the one the app writes. */
export const currentDraftSchema: z.ZodMiniType<StoredDraft> = v1.schema;

/** A kept draft (an IndexedDB row or its journal) in the current shape, upgraded if older; undefined when unreadable. */
export function readDraft(value: unknown, versions: readonly ShapeVersion[] = draftVersions): StoredDraft | undefined {
  return readVersioned(value, versions, 'shape') as StoredDraft | undefined;
}
