import { z } from 'zod/mini';
import { recordVersions, visitDataSchema, type RecordVersionRegistry } from '../../../src/shared/records';

/**
 * A throwaway version 2 of visits for upgrade tests: it adds how contact was made, which version 1
 * visits (all made at the door) did not record.
 */
export const visitV2Schema = z.custom<Record<string, unknown>>((data) => {
  if (typeof data !== 'object' || data === null) return false;
  const { contact, ...rest } = data as Record<string, unknown>;
  return (contact === 'door' || contact === 'phone') && visitDataSchema.safeParse(rest).success;
}, 'a version 2 visit');

export const registryWithVisitV2: RecordVersionRegistry = {
  ...recordVersions,
  visit: [...recordVersions.visit, { schema: visitV2Schema, up: (previous) => ({ ...previous, contact: 'door' }), blobFields: [], blobHashes: () => [] }],
};
