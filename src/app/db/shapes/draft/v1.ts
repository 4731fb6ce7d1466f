import { z } from 'zod/mini';
import { deviceRecordKindSchema } from '../../../../shared/records';

/** A draft as the app kept it from its first release: what a form holds, and where it was left. */
export const schema = z.object({
  id: z.string(),
  shape: z.literal(1),
  kind: deviceRecordKindSchema,
  formId: z.string(),
  formVersion: z.int(),
  answers: z.record(z.string(), z.unknown()),
  position: z.int(),
  context: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
  updatedAt: z.string(),
});
