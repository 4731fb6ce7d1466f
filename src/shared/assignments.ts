import { z } from 'zod/mini';
import { audienceSchema } from './records';

const place = z.string().check(z.trim(), z.minLength(1), z.maxLength(40));

/** A household a worker is asked to visit in a round (server-owned, pulled by the worker). */
export const assignmentSchema = z.object({
  id: z.string(),
  communityId: z.string(),
  roundId: z.string(),
  building: place,
  unit: place,
  room: place,
  notes: z.optional(z.string().check(z.maxLength(500))),
  assignedTo: z.string(),
});
export type Assignment = z.infer<typeof assignmentSchema>;

/** What the office sends to create one; `assignedTo` is the grid worker's username here. */
export const newAssignmentSchema = z.omit(assignmentSchema, { id: true });
export type NewAssignment = z.infer<typeof newAssignmentSchema>;

/** How many responses of an audience a community should collect in a round. */
export const quotaSchema = z.object({
  roundId: z.string(),
  communityId: z.string(),
  audience: audienceSchema,
  target: z.int().check(z.nonnegative()),
});
export type Quota = z.infer<typeof quotaSchema>;

export function quotaId(quota: Pick<Quota, 'roundId' | 'communityId' | 'audience'>): string {
  return `${quota.roundId}:${quota.communityId}:${quota.audience}`;
}

/** GET /api/quotas?roundId=: every community's targets of a round (communities × audiences). */
export const quotaListQuerySchema = z.object({ roundId: z.string().check(z.minLength(1), z.maxLength(20)) });
export const quotaListSchema = z.object({ quotas: z.array(quotaSchema).check(z.maxLength(10_000)) });
