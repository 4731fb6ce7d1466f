import type { Migration } from 'kysely';
import { initial } from './001_initial';
import { sync } from './002_sync';
import { rateLimits } from './003_rate_limits';
import { roundsScores } from './006_rounds_scores';

/** Numbered migrations, applied in name order on SQLite and PostgreSQL alike. Never edit a released one. */
export const migrations: Record<string, Migration> = {
  '001_initial': initial,
  '002_sync': sync,
  '003_rate_limits': rateLimits,
  '006_rounds_scores': roundsScores,
};
