import type { Database } from '../db/database';
import { createAuditRepository } from './audit';
import { createBlobsRepository } from './blobs';
import { createCasesRepository } from './cases';
import { createChangesRepository } from './changes';
import { createDeliberationRepository } from './deliberation';
import { createDevicesRepository } from './devices';
import { createEntitiesRepository } from './entities';
import { createHealthRepository } from './health';
import { createHouseholdsRepository } from './households';
import { createOnlineRepository } from './online';
import { createOrganisationRepository } from './organisation';
import { createQuestionnairesRepository } from './questionnaires';
import { createRateLimitsRepository } from './rate-limits';
import { createRecordsRepository } from './records';
import { createRefusalsRepository } from './refusals';
import { createRoundsRepository } from './rounds';
import { createScoresRepository } from './scores';
import { createSessionsRepository } from './sessions';
import { createUsersRepository } from './users';

export interface RepositoryOptions {
  now: () => Date;
  sessionLifetimeMs: number;
}

export function createRepositories(db: Database, options: RepositoryOptions) {
  return {
    users: createUsersRepository(db, options.now),
    sessions: createSessionsRepository(db, options.now, options.sessionLifetimeMs),
    organisation: createOrganisationRepository(db),
    audit: createAuditRepository(db, options.now),
    records: createRecordsRepository(db, options.now),
    blobs: createBlobsRepository(db, options.now),
    changes: createChangesRepository(db),
    entities: createEntitiesRepository(db, options.now),
    health: createHealthRepository(db),
    rateLimits: createRateLimitsRepository(db, options.now),
    rounds: createRoundsRepository(db, options.now),
    scores: createScoresRepository(db),
    questionnaires: createQuestionnairesRepository(db, options.now),
    deliberation: createDeliberationRepository(db),
    online: createOnlineRepository(db, options.now),
    cases: createCasesRepository(db, options.now),
    devices: createDevicesRepository(db, options.now),
    households: createHouseholdsRepository(db, options.now),
    refusals: createRefusalsRepository(db, options.now),
  };
}
export type Repositories = ReturnType<typeof createRepositories>;
