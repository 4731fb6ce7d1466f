import type { Migration } from 'kysely';
import { initial } from './001_initial';
import { sync } from './002_sync';

/** Numbered migrations, applied in name order on SQLite and PostgreSQL alike. Never edit a released one. */
export const migrations: Record<string, Migration> = {
  '001_initial': initial,
  '002_sync': sync,
};
