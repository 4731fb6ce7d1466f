import { describe, expect, it } from 'vitest';
import { defaultQuestionnaires } from '../../src/server/demo/templates';
import type { RevisitTask } from '../../src/shared/cases/api';
import { negativeAnswers, negativeItemId } from '../../src/shared/cases/negative-items';
import { pendingRevisits } from '../../src/shared/cases/revisit';
import { defaultScoringSettings } from '../../src/shared/scoring/settings';

const adult = defaultQuestionnaires.find((q) => q.id === 'resident-adult')!;
const dissatisfied = defaultScoringSettings().dissatisfiedOptionIds;

describe('negative answers of a response', () => {
  it('takes dissatisfied ratings with their indicator and category, concerns, and negative comments', () => {
    const answers = negativeAnswers(
      adult,
      {
        sat_ug_property_mgmt: 'very_unsatisfied',
        sat_pb_transparency: 'unsatisfied',
        sat_ug_environment: 'satisfied',
        sat_lv_health: 'no_opinion',
        concerns: ['ev_charging', 'other'],
        concerns_other: ' 电动车乱停 ',
        suggestions: '希望多开放社区活动室',
        improve_first: '   ',
      },
      dissatisfied,
    );
    expect(answers).toEqual([
      { source: 'dissatisfied', indicatorId: 'pb_transparency', category: null, text: null, itemId: 'sat_pb_transparency' },
      { source: 'dissatisfied', indicatorId: 'ug_property_mgmt', category: 'property_management', text: null, itemId: 'sat_ug_property_mgmt' },
      { source: 'concern', indicatorId: null, category: 'ev_charging', text: null, itemId: 'concerns' },
      { source: 'concern', indicatorId: null, category: 'other', text: null, itemId: 'concerns' },
      { source: 'comment', indicatorId: null, category: 'other', text: '电动车乱停', itemId: 'concerns_other' },
      { source: 'comment', indicatorId: null, category: null, text: '希望多开放社区活动室', itemId: 'suggestions' },
    ]);
  });

  it('finds nothing in a satisfied response', () => {
    expect(negativeAnswers(adult, { sat_ug_property_mgmt: 'satisfied', concerns: [] }, dissatisfied)).toEqual([]);
  });

  it('gathers ratings and concerns per community, keeps each comment apart', () => {
    const [rating] = negativeAnswers(adult, { sat_ug_property_mgmt: 'unsatisfied' }, dissatisfied);
    expect(negativeItemId('2026-H1', 'c1', 'r1', rating!)).toBe(negativeItemId('2026-H1', 'c1', 'r2', rating!));
    const [comment] = negativeAnswers(adult, { suggestions: 'x' }, dissatisfied);
    expect(negativeItemId('2026-H1', 'c1', 'r1', comment!)).not.toBe(negativeItemId('2026-H1', 'c1', 'r2', comment!));
  });
});

describe('pending re-visits', () => {
  const task = (caseId: string, reportedFixedAt: string): RevisitTask => ({ id: `${caseId}.c1`, caseId, communityId: 'c1', roundId: '2026-H1', title: caseId, category: 'other', complaints: [], report: null, reportedFixedAt });

  it('drops a task answered since its report, keeps one reported fixed again after an answer, oldest first', () => {
    const tasks = [task('b', '2026-05-03T00:00:00Z'), task('a', '2026-05-01T00:00:00Z'), task('c', '2026-05-02T00:00:00Z')];
    const answers = [
      { caseId: 'a', communityId: 'c1', finalisedAt: '2026-05-02T00:00:00Z' },
      { caseId: 'b', communityId: 'c1', finalisedAt: '2026-05-01T00:00:00Z' },
    ];
    expect(pendingRevisits(tasks, answers).map((t) => t.caseId)).toEqual(['c', 'b']);
  });
});
