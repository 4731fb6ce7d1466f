import type { Kysely, Migration } from 'kysely';

/**
 * The score statistics gain what design-based intervals need: per-worker field cells and the
 * covariance of the positive and special scores. Folded statistics are derived data, so they are
 * emptied and the next read folds every response again (decisions on responses are kept apart).
 */
export const designBasedScores: Migration = {
  async up(db: Kysely<unknown>) {
    const trx = db as Kysely<{ score_cells: object; score_responses: object; score_watermarks: object }>;
    await trx.deleteFrom('score_cells').execute();
    await trx.deleteFrom('score_responses').execute();
    await trx.deleteFrom('score_watermarks').execute();
  },
};
