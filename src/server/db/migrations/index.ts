import type { Migration } from 'kysely';
import { initial } from './001_initial';

/** Numbered migrations, applied in name order on SQLite and PostgreSQL alike. Never edit a released one. */
export const migrations: Record<string, Migration> = {
  '001_initial': initial,
};
