import type { Community } from '../../shared/organisation';
import { defaultQuestionnaires } from '../demo/templates';
import type { Audience } from '../../shared/records';
import { defaultScoringSettings } from '../../shared/scoring/settings';
import type { Database } from '../db/database';
import { createRepositories } from '../repositories';
import { insertGeneratedResponses } from '../repositories/bulk-responses';
import { seededRandom, syntheticResponse, type Random } from './responses';

export const publishedDemoRoundId = '2025-H2';
const seed = 2025_2;

/** The case's scale: about 8,000 field questionnaires (65 per community) and 27,000 online (225 per community). */
const fieldPerCommunity: Readonly<Record<Audience, number>> = { elderly: 30, adult: 25, work_unit: 10 };
const onlinePerCommunity: Readonly<Record<Audience, number>> = { elderly: 50, adult: 150, work_unit: 25 };
/** Field answers average about 95 and online about 98, as in the case. */
const fieldMean = 95;
const onlineMean = 98;
/** A few sub-districts clearly below or above the rest, for the funnel plot to name; the shifts sum to 0 so the others stay central. */
const subdistrictShift: Readonly<Record<string, number>> = { xiaguan: -4, mufushan: -2, hunanlu: 3, ninghailu: 3 };

/**
 * One community answered only 9 times (it joined the register late in the round), so that the
 * public pages show a group too small to publish (SCORING.md: fewer than 10 is not shown).
 */
export const smallDemoCommunityId = 'yijiangmen-c09';
const smallCommunitySample: Readonly<Record<'field' | 'online', Partial<Record<Audience, number>>>> = { field: { elderly: 4, adult: 3 }, online: { adult: 2 } };

function definitionFor(audience: Audience) {
  const definition = defaultQuestionnaires.find((q) => q.audience === audience);
  if (!definition) throw new Error(`no demo questionnaire for ${audience}`);
  return definition;
}

function generate(communities: readonly Community[], random: Random) {
  return communities.flatMap((community) => {
    const shift = subdistrictShift[community.subdistrictId] ?? 0;
    return (['field', 'online'] as const).flatMap((channel) => {
      const perAudience = community.id === smallDemoCommunityId ? smallCommunitySample[channel] : channel === 'field' ? fieldPerCommunity : onlinePerCommunity;
      const targetMean = Math.min(99.5, (channel === 'field' ? fieldMean : onlineMean) + (channel === 'field' ? shift : shift / 2));
      return (Object.entries(perAudience) as [Audience, number][]).flatMap(([audience, count]) =>
        Array.from({ length: count }, () =>
          syntheticResponse(
            { community, definition: definitionFor(audience), channel, roundId: publishedDemoRoundId, authorId: `synthetic-${channel}`, targetMean, finalisedAt: '2025-11-20T02:00:00.000Z' },
            random,
          ),
        ),
      );
    });
  });
}

/**
 * Round 2025-H2, closed and published, with about 35,000 synthetic responses generated from a fixed
 * seed. Runs in the caller's transaction; the responses are folded into the score statistics once
 * it commits (a fold reads committed changes only). The responses are
 * scoped to synthetic authors, so that no device pulls them.
 */
export async function seedPublishedDemoRound(trx: Database, communities: readonly Community[], now: () => Date): Promise<{ responses: number }> {
  const repos = createRepositories(trx, { now, sessionLifetimeMs: 0 });
  await repos.rounds.create(null, publishedDemoRoundId, defaultScoringSettings(), { synthetic: true });
  await repos.rounds.transition(null, publishedDemoRoundId, 'open');
  const responses = generate(communities, seededRandom(seed));
  await insertGeneratedResponses(trx, responses, new Date('2025-12-01T08:00:00.000Z'), 'demo-2025-H2');
  await repos.rounds.transition(null, publishedDemoRoundId, 'close');
  await repos.rounds.transition(null, publishedDemoRoundId, 'publish');
  return { responses: responses.length };
}
