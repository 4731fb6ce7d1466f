import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepositories, type Repositories } from '../../src/server/repositories';
import { insertGeneratedResponses } from '../../src/server/repositories/bulk-responses';
import { seedDemoData } from '../../src/server/demo/seed';
import type { Database } from '../../src/server/db/database';
import { syntheticCommunities } from '../../src/server/demo/seed';
import { defaultQuestionnaires } from '../../src/server/demo/templates';
import { finaliseRecord, type Audience, type FinalisedRecord } from '../../src/shared/records';
import { roundUnitScores, withCellDesigns, type CommunityFieldCell, type UnitWithCells, type WorkerCell } from '../../src/shared/rounds/scores';
import { addScore, emptyMoments } from '../../src/shared/scoring/moments';
import { scoreRespondent } from '../../src/shared/scoring/respondent';
import { defaultScoringSettings, scoringChannelOf } from '../../src/shared/scoring/settings';
import { cellStatisticsOf } from '../../src/shared/scoring/statistics';
import { openTestDatabase } from '../helpers/server/server';

/** Acceptance 2: the server's incrementally kept aggregates equal the shared functions applied to the raw responses. */

let db: Database;
let release: () => Promise<void>;
let repos: Repositories;
let roundCounter = 0;

const communities = syntheticCommunities().filter((c) => ['yijiangmen', 'xiaguan', 'hunanlu'].includes(c.subdistrictId)).slice(0, 6);
const options = ['very_satisfied', 'satisfied', 'fair', 'unsatisfied', 'very_unsatisfied', 'no_opinion'];

const responseArbitrary = fc.record({
  community: fc.constantFrom(...communities),
  audience: fc.constantFrom<Audience>('elderly', 'adult', 'work_unit'),
  channel: fc.constantFrom<'field' | 'paper' | 'online'>('field', 'paper', 'online'),
  /** One answer per satisfaction item, or none. */
  answers: fc.array(fc.option(fc.constantFrom(...options), { nil: undefined }), { minLength: 30, maxLength: 30 }),
  concerns: fc.subarray(['ev_charging', 'noise_fumes', 'property_management']),
  voided: fc.boolean(),
  /** Field workers: their interviews per cell and how alike they are set the design effects. */
  author: fc.constantFrom('property-author-1', 'property-author-2', 'property-author-3'),
});
type GeneratedResponse = typeof responseArbitrary extends fc.Arbitrary<infer T> ? T : never;

function recordOf(response: GeneratedResponse, roundId: string): FinalisedRecord {
  const definition = defaultQuestionnaires.find((q) => q.audience === response.audience)!;
  const satisfaction = definition.items.filter((item) => item.kind === 'satisfaction');
  const answers = Object.fromEntries(satisfaction.flatMap((item, index) => (response.answers[index] ? [[item.id, response.answers[index]]] : [])));
  return finaliseRecord('response', crypto.randomUUID(), {
    authorId: response.author,
    deviceId: 'property-device',
    createdAt: '2026-03-02T09:00:00.000Z',
    finalisedAt: '2026-03-02T09:10:00.000Z',
    questionnaireId: definition.id,
    questionnaireVersion: definition.version,
    audience: response.audience,
    communityId: response.community.id,
    roundId,
    channel: response.channel,
    answers: { ...answers, grid_visited: true, concerns: response.concerns },
  });
}

/** The shared functions on the raw responses that count, grouped by unit and cell, with the cells' designs. */
function directUnits(
  responses: readonly { record: FinalisedRecord; response: GeneratedResponse }[],
  level: 'subdistrict' | 'community',
  unitIds: readonly { unitId: string; subdistrictId: string }[],
): UnitWithCells[] {
  const communityCells: CommunityFieldCell[] = groupedUnits(responses, 'community', communities.map((c) => ({ unitId: c.id, subdistrictId: c.subdistrictId }))).flatMap((unit) =>
    unit.cells.filter((cell) => cell.channel === 'field').map((cell) => ({ communityId: unit.unitId, subdistrictId: unit.subdistrictId, audience: cell.audience, statistics: cell.statistics })),
  );
  const workers = new Map<string, WorkerCell>();
  for (const { record, response } of responses) {
    const scores = scoreRespondent(defaultQuestionnaires.find((q) => q.audience === response.audience)!, record.data.answers as Record<string, string>, defaultScoringSettings());
    if (scoringChannelOf(response.channel) !== 'field' || scores.overall === null) continue;
    const key = `${response.community.id}|${response.audience}|${response.author}`;
    const cell = workers.get(key) ?? { communityId: response.community.id, audience: response.audience, workerId: response.author, moments: emptyMoments };
    workers.set(key, { ...cell, moments: addScore(cell.moments, scores.overall) });
  }
  return withCellDesigns(groupedUnits(responses, level, unitIds), level, level === 'subdistrict' ? communityCells : [], [...workers.values()]);
}

function groupedUnits(responses: readonly { record: FinalisedRecord; response: GeneratedResponse }[], level: 'subdistrict' | 'community', unitIds: readonly { unitId: string; subdistrictId: string }[]): UnitWithCells[] {
  const settings = defaultScoringSettings();
  return unitIds.map(({ unitId, subdistrictId }) => {
    const mine = responses.filter(({ response }) => (level === 'subdistrict' ? response.community.subdistrictId : response.community.id) === unitId);
    const cells = new Map<string, { channel: 'field' | 'online'; audience: Audience; scores: ReturnType<typeof scoreRespondent>[] }>();
    for (const { record, response } of mine) {
      const definition = defaultQuestionnaires.find((q) => q.audience === response.audience)!;
      const channel = scoringChannelOf(response.channel);
      const key = `${channel}|${response.audience}`;
      const cell = cells.get(key) ?? { channel, audience: response.audience, scores: [] };
      cell.scores.push(scoreRespondent(definition, record.data.answers as Record<string, string>, settings));
      cells.set(key, cell);
    }
    const ordered = [...cells.values()].sort((a, b) => a.channel.localeCompare(b.channel) || a.audience.localeCompare(b.audience));
    return { unitId, name: '', subdistrictId, cells: ordered.map((cell) => ({ channel: cell.channel, audience: cell.audience, statistics: cellStatisticsOf(cell.scores) })) };
  });
}

/** Equal up to floating-point summation order. */
function expectClose(actual: unknown, expected: unknown, path = ''): void {
  if (typeof expected === 'number' && typeof actual === 'number') {
    expect(Math.abs(actual - expected), `${path}: ${actual} vs ${expected}`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)));
  } else if (expected !== null && typeof expected === 'object') {
    expect(actual, path).toBeTypeOf('object');
    expect(Object.keys(actual as object).sort(), path).toEqual(Object.keys(expected).sort());
    for (const [key, value] of Object.entries(expected)) expectClose((actual as Record<string, unknown>)[key], value, `${path}.${key}`);
  } else {
    expect(actual, path).toEqual(expected);
  }
}

beforeAll(async () => {
  ({ db, release } = await openTestDatabase());
  await seedDemoData(db);
  repos = createRepositories(db, { now: () => new Date(), sessionLifetimeMs: 0 });
});
afterAll(async () => {
  await db.destroy();
  await release();
});

describe('server aggregates equal the shared functions', () => {
  it('on random rounds, folded in two steps, with random voids', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(responseArbitrary, { minLength: 1, maxLength: 40 }), fc.nat(), async (generated, splitSeed) => {
        roundCounter += 1;
        const roundId = `${2000 + roundCounter}-H1`;
        await repos.rounds.create(null, roundId, defaultScoringSettings());
        await repos.rounds.transition(null, roundId, 'open');
        const responses = generated.map((response) => ({ response, record: recordOf(response, roundId) }));
        const split = splitSeed % (responses.length + 1);
        // Part arrives, is read (folded), the rest arrives: the second fold must add only the new ones.
        await insertGeneratedResponses(db, responses.slice(0, split).map((r) => r.record), new Date(), `p-${roundId}-1`);
        await repos.scores.fold();
        await insertGeneratedResponses(db, responses.slice(split).map((r) => r.record), new Date(), `p-${roundId}-2`);
        await repos.scores.fold();
        for (const { record, response } of responses) if (response.voided) await repos.scores.voidResponse(roundId, record.id, 'property-supervisor', 'random void', new Date());
        const counted = responses.filter(({ response }) => !response.voided);

        const settings = defaultScoringSettings();
        for (const level of ['subdistrict', 'community'] as const) {
          const stored = await repos.scores.units(roundId, level);
          const direct = directUnits(counted, level, stored.map((u) => ({ unitId: u.unitId, subdistrictId: u.subdistrictId })));
          expectClose(roundUnitScores(stored, settings), roundUnitScores(direct.map((u, i) => ({ ...u, name: stored[i]!.name })), settings));
        }
      }),
      { numRuns: 12 },
    );
  }, 240_000);
});
