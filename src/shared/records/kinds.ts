import { z } from 'zod/mini';

/**
 * The kinds of record made on devices, each with its versions in its own folder here and listed in
 * `registry.ts`. Apart from the registry because a signature names the kind it signs.
 */
export const deviceRecordKinds = ['household', 'visit', 'response', 'signature', 'deliberation', 'deliberation_follow_up', 'revisit', 'case_report'] as const;
export const deviceRecordKindSchema = z.enum(deviceRecordKinds);
export type DeviceRecordKind = z.infer<typeof deviceRecordKindSchema>;
