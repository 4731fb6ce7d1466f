import Dexie, { type EntityTable } from 'dexie';
import type { SessionUser } from '../../shared/auth';

/** The signed-in session, kept so that a signed-in user reopens the app offline. */
export interface StoredSession {
  key: 'current';
  /** Version of this stored shape; bump it with an upgrade in `AppDatabase`. */
  shape: 1;
  token: string;
  expiresAt: string;
  user: SessionUser;
  signedInAt: string;
}

export const databaseName = 'gulou-survey';

export class AppDatabase extends Dexie {
  sessions!: EntityTable<StoredSession, 'key'>;

  constructor(name = databaseName) {
    super(name);
    this.version(1).stores({ sessions: 'key' });
  }
}

let current: AppDatabase | undefined;

/** The app's one database connection, opened on first use. */
export function appDatabase(): AppDatabase {
  current ??= new AppDatabase();
  return current;
}

/** Closes and forgets the connection (tests, and sign-out of a shared device later). */
export async function closeAppDatabase(): Promise<void> {
  current?.close();
  current = undefined;
}
