import { appDatabase, type StoredReference } from './database';

/**
 * Server-owned data pulled to the device. Kinds and their `data` shapes:
 * - `subdistrict`, `community`: the organisation (src/shared/organisation.ts)
 * - `round`: evaluation rounds
 * - `questionnaire`: id `${questionnaireId}@${version}`, data a published questionnaire definition
 * - `assignment`: a household assigned to a worker (building, unit, room, notes, communityId, roundId)
 * - `quota`: id `${roundId}:${communityId}:${audience}`, data `{roundId, communityId, audience, target}`
 */
export async function listReference(kind: string): Promise<StoredReference[]> {
  return appDatabase().reference.where('kind').equals(kind).toArray();
}

export async function getReference(kind: string, id: string): Promise<StoredReference | undefined> {
  return appDatabase().reference.get([kind, id]);
}
