import { describe, expect, it } from 'vitest';
import { defaultQuestionnaires } from '../../src/server/demo/templates';
import { cellWeight, defaultScoringSettings, scoreRespondent, scoringChannelOf, scoringSettingsSchema, type ScoringSettings } from '../../src/shared/scoring';

const settings = defaultScoringSettings();
const [elderly, adult] = defaultQuestionnaires as [(typeof defaultQuestionnaires)[0], (typeof defaultQuestionnaires)[0]];

describe('round scoring settings', () => {
  it('default to SCORING.md: equal weights, field 0.6 / online 0.4, audiences 0.4/0.4/0.2, special 0.1, deduction 0.5 up to 5, groups of 10', () => {
    expect(scoringSettingsSchema.safeParse(settings).success).toBe(true);
    expect(settings.dimensions.map((dimension) => dimension.weight)).toEqual([0.25, 0.25, 0.25, 0.25]);
    expect(settings.dimensions.find((dimension) => dimension.id === 'urban_governance')?.indicators.map((indicator) => indicator.weight)).toEqual(Array(6).fill(1 / 6));
    expect(settings.dimensions.flatMap((dimension) => dimension.indicators)).toHaveLength(17);
    expect(cellWeight(settings, 'field', 'elderly')).toBeCloseTo(0.24, 12);
    expect(cellWeight(settings, 'online', 'adult')).toBeCloseTo(0.16, 12);
    expect(cellWeight(settings, 'field', 'work_unit')).toBeCloseTo(0.12, 12);
    expect(settings).toMatchObject({ specialWeight: 0.1, deductionPerOverdueItem: 0.5, maximumDeduction: 5, publicMinimumGroupSize: 10, confidenceLevel: 0.95 });
    expect(settings.scale.map((entry) => entry.score)).toEqual([100, 85, 70, 40, 0, null]);
  });

  it('weigh paper questionnaires as field work', () => {
    expect([scoringChannelOf('field'), scoringChannelOf('paper'), scoringChannelOf('online')]).toEqual(['field', 'field', 'online']);
  });

  it('refuse duplicate indicators, unbounded lists, a dissatisfied answer off the scale and a funnel whose outer limit is not wider', () => {
    const problems = (changed: Partial<ScoringSettings>) => scoringSettingsSchema.safeParse({ ...settings, ...changed }).error?.issues.map((issue) => issue.message) ?? [];
    const [first, second] = settings.dimensions as [ScoringSettings['dimensions'][0], ScoringSettings['dimensions'][0]];
    expect(problems({ dimensions: [first, { ...second, indicators: [...second.indicators, first.indicators[0]!] }] })).toContain('an indicator belongs to one dimension only');
    expect(problems({ dimensions: Array.from({ length: 21 }, (_, index) => ({ ...first, id: `d${index}` })) })).not.toEqual([]);
    expect(problems({ dissatisfiedOptionIds: ['furious'] })).toContain('dissatisfied option "furious" is not on the scale');
    expect(problems({ funnelLevels: { inner: 0.998, outer: 0.95 } })).toContain('the outer funnel limit must be wider than the inner one');
    expect(problems({ channelWeights: { field: 0, online: 0 } })).toContain('at least one channel needs a positive weight');
    expect(problems({ hotIssueItemId: 'x'.repeat(65) })).not.toEqual([]);
    expect(problems({ audienceWeights: { elderly: 0.5, adult: 0.5 } as ScoringSettings['audienceWeights'] })).not.toEqual([]);
  });
});

describe('respondent scores (SCORING.md step 1)', () => {
  it('average items per indicator, renormalise weights over answered indicators and dimensions, and score each level from its own items', () => {
    const scores = scoreRespondent(
      adult,
      {
        sat_pb_org_service: 'very_satisfied', // community level, 100
        sat_pb_transparency: 'fair', // sub-district level, 70
        sat_pb_member_role: 'no_opinion',
        sat_ug_environment: 'unsatisfied', // sub-district level, 40
        grid_visited: true,
        sat_sd_grid_visits: 'satisfied', // social-worker level, 85
        reported_problem: true,
        problem_resolved: 'resolved',
      },
      settings,
    );
    expect(scores.indicators).toEqual({ pb_org_service: 100, pb_transparency: 70, ug_environment: 40, sd_grid_visits: 85 });
    // party building = (100 + 70)/2 over its two answered indicators; overall = (85 + 40 + 85)/3 over three answered dimensions.
    expect(scores.dimensions).toEqual({ party_building: 85, urban_governance: 40, social_development: 85 });
    expect(scores.overall).toBe(70);
    expect(scores.levels).toEqual({ community: 100, subdistrict: (70 + 40) / 2, social_worker: 85 });
    expect(scores.answerCounts).toEqual({ pb_org_service: { trials: 1, hits: 0 }, pb_transparency: { trials: 1, hits: 0 }, ug_environment: { trials: 1, hits: 1 }, sd_grid_visits: { trials: 1, hits: 0 } });
  });

  it('use unequal weights renormalised over what was answered', () => {
    const weighted: ScoringSettings = {
      ...settings,
      dimensions: [
        { id: 'party_building', weight: 0.5, indicators: [{ id: 'pb_org_service', weight: 0.25 }, { id: 'pb_transparency', weight: 0.75 }] },
        { id: 'urban_governance', weight: 0.3, indicators: [{ id: 'ug_environment', weight: 1 }] },
        { id: 'livelihood', weight: 0.2, indicators: [{ id: 'lv_health', weight: 1 }] },
      ],
    };
    const both = scoreRespondent(adult, { sat_pb_org_service: 'very_satisfied', sat_pb_transparency: 'fair', sat_ug_environment: 'unsatisfied' }, weighted);
    expect(both.dimensions.party_building).toBeCloseTo(0.25 * 100 + 0.75 * 70, 12);
    expect(both.overall).toBeCloseTo((0.5 * 77.5 + 0.3 * 40) / 0.8, 12);
    const one = scoreRespondent(adult, { sat_pb_org_service: 'very_satisfied', sat_pb_transparency: 'no_opinion', sat_ug_environment: 'unsatisfied' }, weighted);
    expect(one.dimensions.party_building).toBe(100);
    expect(one.overall).toBeCloseTo((0.5 * 100 + 0.3 * 40) / 0.8, 12);
  });

  it('give no score to a respondent who answered no satisfaction item, while still counting hot issues', () => {
    const noOpinion = Object.fromEntries(elderly.items.filter((item) => item.kind === 'satisfaction').map((item) => [item.id, 'no_opinion']));
    const scores = scoreRespondent(elderly, { ...noOpinion, grid_visited: false, concerns: ['ev_charging', 'other'], concerns_other: '楼道堆物' }, settings);
    expect(scores.overall).toBeNull();
    expect(scores.dimensions).toEqual({});
    expect(scores.levels).toEqual({});
    expect(scores.hotIssueChoices).toEqual(['ev_charging', 'other']);
  });

  it('keep special items apart from the positive score, and tell "not asked" from "none chosen" for hot issues', () => {
    const scores = scoreRespondent(adult, { sat_ug_environment: 'fair', special_yijiangmen_city_wall: 'very_satisfied' }, settings);
    expect(scores.overall).toBe(70);
    expect(scores.special).toBe(100);
    expect(scores.hotIssueChoices).toEqual([]);
    const ownItem = { id: 'special_river_walk', kind: 'satisfaction' as const, text: { zh: '滨江步道', en: 'River walk' }, evaluation: 'special' as const, level: 'subdistrict' as const, subdistrictId: 'xiaguan' };
    const withOwnItem = { ...adult, items: [...adult.items, ownItem] };
    expect(scoreRespondent(withOwnItem, { special_river_walk: 'fair', special_yijiangmen_city_wall: 'very_satisfied' }, settings).special).toBe(85);
    const withoutHotIssueItem = { ...adult, items: adult.items.filter((item) => item.id !== 'concerns' && item.id !== 'concerns_other') };
    expect(scoreRespondent(withoutHotIssueItem, {}, settings).hotIssueChoices).toBeNull();
  });

  it('score every answer with the round’s scale, not a fixed one', () => {
    const lenient: ScoringSettings = { ...settings, scale: settings.scale.map((entry) => (entry.optionId === 'unsatisfied' ? { ...entry, score: 50 } : entry)) };
    expect(scoreRespondent(elderly, { sat_ug_environment: 'unsatisfied' }, lenient).overall).toBeCloseTo(50, 12);
  });
});
