import type { Database } from '../db/database';
import { createAuditRepository } from './audit';
import { createOrganisationRepository } from './organisation';
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
  };
}
export type Repositories = ReturnType<typeof createRepositories>;
