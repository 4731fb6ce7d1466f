import type { z } from 'zod/mini';
import { readVersioned, type ShapeVersion } from '../versioned';
import * as v1 from './v1';

/** The resident page's kept state, oldest version first; `version` names it. A new one is `v<n>.ts` added at the end. */
export const onlineStateVersions: readonly ShapeVersion[] = [v1];

export const currentOnlineStateSchema = v1.schema;
/** The version the page writes. */
export const currentOnlineStateVersion = onlineStateVersions.length;
export { onlineDraftSchema } from './v1';

/**
 * Kept state in the current shape, upgraded if older. A part that no longer reads (the page as an
 * older server sent it) is dropped alone, never the answers waiting for the network with it.
 */
export function readOnlineStateShape(value: unknown, versions: readonly ShapeVersion[] = onlineStateVersions) {
  return readVersioned(value, versions, 'version', { keepReadable: true }) as z.infer<typeof currentOnlineStateSchema> | undefined;
}
