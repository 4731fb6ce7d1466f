import { describe, expect, it } from 'vitest';
import framework from '../../src/shared/reference/evaluation-framework.json';
import { indicatorIds, questionnaireDefinitionSchema, questionnaireKey } from '../../src/shared/questionnaire/definition';
import { defaultQuestionnaires } from '../../src/server/demo/templates';

describe('the default questionnaires', () => {
  it('are one per audience, valid, and of the sizes the field work expects', () => {
    expect(defaultQuestionnaires.map((q) => q.audience).sort()).toEqual(['adult', 'elderly', 'work_unit']);
    for (const questionnaire of defaultQuestionnaires) {
      const parsed = questionnaireDefinitionSchema.safeParse(questionnaire);
      expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
    }
    const sizes = Object.fromEntries(defaultQuestionnaires.map((q) => [q.audience, q.items.length]));
    expect(sizes.elderly).toBeGreaterThanOrEqual(15);
    expect(sizes.elderly).toBeLessThanOrEqual(20);
    expect(sizes.adult).toBeGreaterThanOrEqual(23);
    expect(sizes.adult).toBeLessThanOrEqual(27);
    expect(sizes.work_unit).toBeGreaterThanOrEqual(18);
    expect(sizes.work_unit).toBeLessThanOrEqual(22);
  });

  it.each(defaultQuestionnaires.map((q) => [q.id, q] as const))('%s covers all 17 indicators with a satisfaction item each', (_id, questionnaire) => {
    expect(indicatorIds).toHaveLength(17);
    const rated = questionnaire.items.filter((item) => item.kind === 'satisfaction' && item.evaluation === 'positive').map((item) => item.indicatorId);
    expect(new Set(rated)).toEqual(new Set(indicatorIds));
  });

  it.each(defaultQuestionnaires.map((q) => [q.id, q] as const))('%s asks which problems concern most, with a comment for "other"', (_id, questionnaire) => {
    const concerns = questionnaire.items.find((item) => item.id === 'concerns');
    expect(concerns?.evaluation).toBe('negative');
    expect(concerns?.options?.map((option) => option.id)).toEqual(['environment_cleanup', 'old_estate_renovation', 'property_management', 'illegal_structures', 'ev_charging', 'noise_fumes', 'other']);
    const hotIssueIds = framework.hotIssues.map((issue) => issue.id);
    for (const option of concerns?.options ?? []) expect(hotIssueIds).toContain(option.id);
    expect(questionnaire.items.find((item) => item.id === 'concerns_other')?.relevant).toEqual({ op: 'includes', item: 'concerns', value: 'other' });
  });

  it('tags every item with an evaluation kind and a level, in both languages', () => {
    for (const item of defaultQuestionnaires.flatMap((q) => q.items)) {
      expect(['positive', 'negative', 'special']).toContain(item.evaluation);
      expect(['subdistrict', 'community', 'social_worker']).toContain(item.level);
      expect(item.text.zh).not.toBe(item.text.en);
    }
    expect(defaultQuestionnaires.find((q) => q.audience === 'elderly')?.elderlyMode).toBe(true);
    expect(defaultQuestionnaires.map(questionnaireKey)).toEqual(['resident-elderly@1', 'resident-adult@1', 'work-unit@1']);
  });

  it('rejects a definition whose condition reads a later item, or a duplicate id', () => {
    const [first] = defaultQuestionnaires;
    if (!first) throw new Error('no templates');
    const items = [...first.items];
    const gate = items.findIndex((item) => item.id === 'grid_visited');
    const reordered = [...items.slice(0, gate), ...items.slice(gate + 1), items[gate]!];
    const result = questionnaireDefinitionSchema.safeParse({ ...first, items: reordered });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.message)).toContain('item "sat_sd_grid_visits" depends on "grid_visited", which is not an earlier item');
    const duplicated = questionnaireDefinitionSchema.safeParse({ ...first, items: [...items, items[0]!] });
    expect(duplicated.error?.issues.map((issue) => issue.message)).toContain('duplicate item id "sat_pb_org_service"');
  });
});
