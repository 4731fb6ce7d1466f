import { utf8ToBytes } from '@noble/hashes/utils.js';
import { sha256Hex } from '../hashing';

/**
 * The round's sample, as SCORING.md ("Sample") fixes it, so that anyone holding the register export
 * and the published seed draws the same doors: each door's key is the SHA-256 of
 * `seed:communityId:householdId`, doors are taken in key order, the first up to the community's
 * residents' quotas are the sample and the rest, in the same order, the reserves.
 */

/** Lower-case hex SHA-256 of `seed:communityId:householdId`: a door's place in the draw. */
export function drawKey(seed: string, communityId: string, householdId: string): string {
  return sha256Hex(utf8ToBytes(`${seed}:${communityId}:${householdId}`));
}

export interface CommunityDraw {
  communityId: string;
  /** The doors to ask, in draw order. */
  sample: string[];
  /** The doors released one by one as sampled doors end without an interview, in draw order. */
  reserves: string[];
}

/**
 * One community's draw from its frame (the household ids in the register when the round opened).
 * `size` is the community's residents' quotas together (elderly + young-middle).
 */
export function drawCommunity(seed: string, communityId: string, frame: readonly string[], size: number): CommunityDraw {
  if (!Number.isInteger(size) || size < 0) throw new RangeError(`a sample size is a whole number of doors, not ${size}`);
  if (new Set(frame).size !== frame.length) throw new Error(`the frame of ${communityId} lists a household twice`);
  const ordered = frame
    .map((householdId) => ({ householdId, key: drawKey(seed, communityId, householdId) }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map(({ householdId }) => householdId);
  return { communityId, sample: ordered.slice(0, size), reserves: ordered.slice(size) };
}
