import { postgresPoolSize, type Database } from '../db/database';
import { createGroupCommit, defaultGroupCommit } from '../db/group-commit';
import { isPostgres } from '../db/helpers';
import { createAuditRepository } from './audit';
import { createBlobUploadsRepository } from './blob-uploads';
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
import { createSignInKeysRepository } from './sign-in-keys';
import { createUsersRepository } from './users';

export interface RepositoryOptions {
  now: () => Date;
  sessionLifetimeMs: number;
}

export function createRepositories(db: Database, options: RepositoryOptions) {
  // Small writes from many requests at once share a commit on SQLite. PostgreSQL already flushes
  // the commits of concurrent transactions together, so there each write keeps its own
  // transaction on its own pooled connection, without savepoints' extra round trips.
  const groupCommit = createGroupCommit(db, isPostgres(db) ? { windowMs: 0, maxBatch: 1, concurrentBatches: postgresPoolSize } : defaultGroupCommit);
  return {
    users: createUsersRepository(db, options.now),
    sessions: createSessionsRepository(db, options.now, options.sessionLifetimeMs),
    signInKeys: createSignInKeysRepository(db, options.now),
    organisation: createOrganisationRepository(db, options.now),
    audit: createAuditRepository(db, options.now),
    records: createRecordsRepository(db),
    blobs: createBlobsRepository(db, options.now),
    blobUploads: createBlobUploadsRepository(db, options.now),
    changes: createChangesRepository(db),
    entities: createEntitiesRepository(db, options.now),
    health: createHealthRepository(db),
    rateLimits: createRateLimitsRepository(db, groupCommit, options.now),
    rounds: createRoundsRepository(db, options.now),
    scores: createScoresRepository(db),
    questionnaires: createQuestionnairesRepository(db, options.now),
    deliberation: createDeliberationRepository(db),
    online: createOnlineRepository(db, groupCommit, options.now),
    cases: createCasesRepository(db, options.now),
    devices: createDevicesRepository(db, options.now),
    households: createHouseholdsRepository(db, options.now),
    refusals: createRefusalsRepository(db, options.now),
  };
}
export type Repositories = ReturnType<typeof createRepositories>;
