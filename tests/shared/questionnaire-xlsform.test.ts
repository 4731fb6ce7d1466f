import { describe, expect, it } from 'vitest';
import type { Condition } from '../../src/shared/questionnaire/form';
import { parseCondition, printCondition } from '../../src/shared/questionnaire/expression';
import { definitionToSheets, sheetsToDefinition } from '../../src/shared/questionnaire/xlsform';
import { defaultQuestionnaires } from '../../src/server/demo/templates';

describe('skip-logic expressions', () => {
  it.each<[Condition, string]>([
    [{ op: 'equals', item: 'grid_visited', value: true }, '${grid_visited} = true()'],
    [{ op: 'includes', item: 'concerns', value: 'other' }, "selected(${concerns}, 'other')"],
    [{ op: 'answered', item: 'comment' }, "${comment} != ''"],
    [{ op: 'at_least', item: 'age', value: 60 }, '${age} >= 60'],
    [{ op: 'one_of', item: 'q', values: ['unsatisfied', "it's"] }, "one-of(${q}, 'unsatisfied', 'it''s')"],
    [{ op: 'any', conditions: [{ op: 'not', condition: { op: 'equals', item: 'a', value: 1 } }, { op: 'all', conditions: [{ op: 'less_than', item: 'b', value: -2.5 }, { op: 'not_equals', item: 'c', value: 'x' }] }] }, "not(${a} = 1) or (${b} < -2.5 and ${c} != 'x')"],
  ])('prints %o as %s and reads it back', (condition, text) => {
    expect(printCondition(condition)).toBe(text);
    expect(parseCondition(text)).toEqual(condition);
  });

  it.each([
    ['${a} = ', "expected a value such as 'text', 3 or true() but found the end"],
    ['${a} > \'x\'', 'expected a number after >'],
    ['alert(1)', 'expected a question such as ${name} but found "alert"'],
    ['${a} = 1 ${b}', 'expected "and", "or" or the end but found ${b}'],
    ['${a} = 1; drop', 'cannot read "; drop" at character 9'],
  ])('says why %s cannot be read', (text, message) => {
    expect(() => parseCondition(text)).toThrow(message);
  });
});

describe('questionnaires as XLSForm sheets', () => {
  it.each(defaultQuestionnaires.map((definition) => [definition.id, definition] as const))('gives back %s unchanged', (_id, definition) => {
    expect(sheetsToDefinition(definitionToSheets(definition))).toEqual({ definition });
  });

  it('lays the adult questionnaire out like XLSForm, with our tags beside', () => {
    const sheets = definitionToSheets(defaultQuestionnaires.find((q) => q.id === 'resident-adult')!);
    expect(sheets.settings).toEqual([expect.objectContaining({ form_id: 'resident-adult', version: '1', audience: 'adult', 'form_title::Chinese (zh)': '中青年居民满意度问卷' })]);
    expect(sheets.survey[0]).toMatchObject({ type: 'select_one satisfaction', name: 'sat_pb_org_service', dimension: 'party_building', indicator: 'pb_org_service', evaluation: 'positive', required: 'yes' });
    expect(sheets.survey.find((row) => row.name === 'problem_resolved')).toMatchObject({ type: 'select_one problem_resolved', relevant: '${reported_problem} = true()' });
    expect(sheets.choices.filter((row) => row.list_name === 'problem_resolved').map((row) => row.name)).toEqual(['resolved', 'partly', 'in_progress', 'unresolved']);
  });

  it('lists every problem by sheet and row, and uses the Chinese text where English is left empty', () => {
    const sheets = definitionToSheets(defaultQuestionnaires[0]!);
    sheets.survey[1] = { ...sheets.survey[1]!, 'label::English (en)': '' };
    expect(sheetsToDefinition(sheets)).toMatchObject({ definition: { items: expect.arrayContaining([expect.objectContaining({ text: { zh: sheets.survey[1]['label::Chinese (zh)'], en: sheets.survey[1]['label::Chinese (zh)'] } })]) } });

    sheets.survey[2] = { ...sheets.survey[2]!, type: 'geopoint' };
    sheets.survey[3] = { ...sheets.survey[3]!, relevant: '${x} = ', min: 'many' };
    sheets.survey[4] = { ...sheets.survey[4]!, dimension: 'livelihood' };
    sheets.choices.push({ list_name: 'concerns', name: 'parking' });
    sheets.settings[0] = { ...sheets.settings[0]!, audience: 'children' };
    const outcome = sheetsToDefinition(sheets);
    expect(outcome).toEqual({
      problems: [
        { sheet: 'choices', row: sheets.choices.length + 1, reason: 'choice_incomplete', message: 'list_name, name and label::Chinese (zh) are all needed' },
        { sheet: 'settings', row: 2, column: 'audience', reason: 'invalid_value', value: 'children', message: 'audience must be one of elderly, adult, work_unit' },
        { sheet: 'survey', row: 4, column: 'type', reason: 'unknown_type', value: 'geopoint', message: 'type "geopoint" is not one we read (select_one, select_multiple, integer, decimal, text)' },
        { sheet: 'survey', row: 5, column: 'relevant', reason: 'invalid_condition', value: '${x} =', message: "relevant: expected a value such as 'text', 3 or true() but found the end" },
        { sheet: 'survey', row: 5, column: 'min', reason: 'not_number', value: 'many', message: 'min must be a number, not "many"' },
        { sheet: 'survey', row: 6, column: 'dimension', reason: 'indicator_dimension', value: 'ug_environment', message: 'indicator ug_environment belongs to dimension urban_governance, not livelihood' },
      ],
    });
  });

  it('maps the schema’s problems to survey rows', () => {
    const sheets = definitionToSheets(defaultQuestionnaires[0]!);
    sheets.survey[2] = { ...sheets.survey[2]!, relevant: "${concerns_other} != ''" };
    expect(sheetsToDefinition(sheets)).toEqual({
      problems: [
        {
          sheet: 'survey',
          row: 4,
          reason: 'schema',
          issue: { code: 'custom', path: ['relevant'], message: 'item "sat_pb_transparency" depends on "concerns_other", which is not an earlier item' },
          message: 'relevant: item "sat_pb_transparency" depends on "concerns_other", which is not an earlier item',
        },
      ],
    });
  });
});
