import { z } from 'zod/mini';
import { boundedText } from './records';

const place = z.string().check(z.trim(), z.minLength(1), z.maxLength(40));

/** One door of the household register, as the office imports it (community id, building, unit, room). */
export const registerRowSchema = z.object({ communityId: boundedText(100, 1), building: place, unit: place, room: place });
export type RegisterRow = z.infer<typeof registerRowSchema>;

/** At most this many problems of each sort are listed; the counts say how many there were. */
export const listedProblems = 200;

const line = z.int().check(z.positive());

/**
 * What an import of a register file finds, before (dry run) or after writing. Nothing is written
 * while the file has duplicates, unknown communities or invalid rows.
 */
export const registerImportReportSchema = z.object({
  rows: z.int(),
  /** New doors (written when `written`). */
  newHouseholds: z.int(),
  /** Doors already in the register: left as they are. */
  alreadyRegistered: z.int(),
  duplicates: z.object({ count: z.int(), listed: z.array(z.object({ line, firstLine: line, address: z.string() })).check(z.maxLength(listedProblems)) }),
  unknownCommunities: z.object({ count: z.int(), listed: z.array(z.object({ line, community: z.string() })).check(z.maxLength(listedProblems)) }),
  invalid: z.object({ count: z.int(), listed: z.array(z.object({ line, message: z.string() })).check(z.maxLength(listedProblems)) }),
  written: z.boolean(),
});
export type RegisterImportReport = z.infer<typeof registerImportReportSchema>;

export const registerImportQuerySchema = z.object({
  /** "true" writes the new doors when the file is clean; anything else only checks. */
  commit: z.optional(z.enum(['true', 'false'])),
});

/** Assigns every registered door of a building (or the listed households) to a grid worker for a round. */
export const buildingAssignmentSchema = z.object({
  roundId: boundedText(20, 1),
  communityId: boundedText(100, 1),
  building: place,
  /** The grid worker's username. */
  assignedTo: boundedText(64, 1),
});
export type BuildingAssignment = z.infer<typeof buildingAssignmentSchema>;

export const buildingAssignmentResultSchema = z.object({
  /** Doors now assigned to the worker (new or moved from another worker). */
  assigned: z.int(),
  /** Of those, doors moved from another worker: their visits stay, under the same household id. */
  reassigned: z.int(),
});

/** Assigns listed doors of the register (not a whole building) to a grid worker for a round. */
export const householdAssignmentSchema = z.object({
  roundId: boundedText(20, 1),
  communityId: boundedText(100, 1),
  householdIds: z.array(boundedText(100, 1)).check(z.minLength(1), z.maxLength(1000)),
  /** The grid worker's username. */
  assignedTo: boundedText(64, 1),
});
export type HouseholdAssignment = z.infer<typeof householdAssignmentSchema>;

/** GET /api/households: a community's registered doors (or one building's) and who has each in the round. */
export const householdListQuerySchema = z.object({ roundId: boundedText(20, 1), communityId: boundedText(100, 1), building: z.optional(place) });

/** A community's register stays well below this; the office assigns a building or a few doors at a time. */
export const maxListedHouseholds = 10_000;

export const registeredHouseholdSchema = z.object({
  id: z.string(),
  building: z.string(),
  unit: z.string(),
  room: z.string(),
  /** The display name of the grid worker who has the door in the round, or null. */
  assignedToName: z.nullable(z.string()),
});
export type RegisteredHouseholdView = z.infer<typeof registeredHouseholdSchema>;

export const householdListSchema = z.object({ households: z.array(registeredHouseholdSchema).check(z.maxLength(maxListedHouseholds)) });

/** GET /api/households/workers: the active grid workers of a community, whom its doors may be assigned to. */
export const communityWorkersQuerySchema = z.object({ communityId: boundedText(100, 1) });
export const maxListedWorkers = 1000;
export const communityWorkersSchema = z.object({
  workers: z.array(z.object({ username: boundedText(64, 1), name: boundedText(200) })).check(z.maxLength(maxListedWorkers)),
});
export type CommunityWorker = z.infer<typeof communityWorkersSchema>['workers'][number];
