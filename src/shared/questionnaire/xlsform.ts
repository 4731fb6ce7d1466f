import { z } from 'zod/mini';
import { errorBodySchema } from '../errors';
import framework from '../reference/evaluation-framework.json';
import { audienceSchema } from '../records';
import { questionnaireDefinitionSchema, type QuestionItem, type QuestionnaireDefinition } from './definition';
import { ExpressionError, parseCondition, printCondition } from './expression';
import type { ChoiceOption, Constraints, LocalizedText } from './form';
import { satisfactionScale } from './scale';

/**
 * A questionnaire as the three sheets of an XLSForm file (`survey`, `choices`, `settings`), the
 * layout survey teams author in, with extra columns for our tags (dimension, indicator, evaluation
 * part, level) and our declarative constraints. Sheets are rows of text keyed by column name; the
 * workbook itself is read and written elsewhere (exceljs). English may be left empty: the Chinese
 * text is then used for it too.
 */

export type SheetRow = Record<string, string>;
export interface XlsFormSheets {
  survey: SheetRow[];
  choices: SheetRow[];
  settings: SheetRow[];
}
export type SheetName = keyof XlsFormSheets;
/** What can be wrong in a sheet row; the app says each in the user's words (src/app/errors/issues.ts). */
export const sheetProblemReasons = [
  'empty',
  'not_yes_no',
  'not_number',
  'not_whole_number',
  'choice_incomplete',
  'settings_row_missing',
  'invalid_value',
  'list_not_named_after_item',
  'no_choices',
  'unknown_type',
  'invalid_condition',
  'indicator_dimension',
  'schema',
] as const;
export type SheetProblemReason = (typeof sheetProblemReasons)[number];

/** A schema issue of the definition read from a row, with its path inside the item (or the settings). */
export const sheetSchemaIssueSchema = z.object({
  code: z.optional(z.string().check(z.maxLength(40))),
  origin: z.optional(z.string().check(z.maxLength(40))),
  minimum: z.optional(z.number()),
  maximum: z.optional(z.number()),
  message: z.optional(z.string().check(z.maxLength(300))),
  path: z.array(z.union([z.string().check(z.maxLength(64)), z.number()])).check(z.maxLength(10)),
});

/** A problem in the file: the sheet, the spreadsheet row (the header is row 1), the column, and why. */
export const sheetProblemSchema = z.object({
  sheet: z.enum(['survey', 'choices', 'settings']),
  row: z.int(),
  column: z.optional(z.string().check(z.maxLength(80))),
  reason: z.enum(sheetProblemReasons),
  /** The cell's text, or the name the problem is about (a type, a list, an indicator). */
  value: z.optional(z.string().check(z.maxLength(200))),
  /** For `schema`: the schema's issue, for the app to say in words. */
  issue: z.optional(sheetSchemaIssueSchema),
  /** The problem in English, for the API's message; never shown on a screen as it is. */
  message: z.string().check(z.maxLength(500)),
});
export type SheetProblem = z.infer<typeof sheetProblemSchema>;

/** At most this many problems are listed: a file with more has a wider fault, seen in the first ones. */
export const maxListedSheetProblems = 200;

/** The import's refusal (400): the error, and why the file is not a questionnaire workbook, or every problem by sheet and row. */
export const xlsformRefusalSchema = z.object({
  error: errorBodySchema.shape.error,
  file: z.optional(z.enum(['not_xlsx', 'sheets_missing'])),
  missingSheets: z.optional(z.array(z.enum(['survey', 'choices', 'settings'])).check(z.maxLength(3))),
  problems: z.array(sheetProblemSchema).check(z.maxLength(maxListedSheetProblems)),
});
export type XlsformRefusal = z.infer<typeof xlsformRefusalSchema>;

const zh = 'Chinese (zh)';
const en = 'English (en)';
export const surveyColumns = [
  'type', 'name', `label::${zh}`, `label::${en}`, `hint::${zh}`, `hint::${en}`, 'required', 'relevant', 'appearance',
  'dimension', 'indicator', 'evaluation', 'level', 'subdistrict', 'allow_no_opinion',
  'min', 'max', 'min_selections', 'max_selections', 'max_length', 'pattern', `constraint_message::${zh}`, `constraint_message::${en}`,
] as const;
export const choicesColumns = ['list_name', 'name', `label::${zh}`, `label::${en}`] as const;
export const settingsColumns = ['form_id', 'version', `form_title::${zh}`, `form_title::${en}`, 'audience', 'elderly_mode', `intro::${zh}`, `intro::${en}`, 'default_language'] as const;

/** Lists every questionnaire shares; written for the reader, never read back. */
const satisfactionList = 'satisfaction';
const yesNoList = 'yes_no';

const dimensionOf = new Map(framework.dimensions.flatMap((dimension) => dimension.indicators.map((indicator) => [indicator.id, dimension.id] as const)));

function localizedColumns(prefix: string, text: LocalizedText | undefined): SheetRow {
  if (!text) return {};
  return { [`${prefix}::${zh}`]: text.zh, [`${prefix}::${en}`]: text.en };
}

function typeOf(item: QuestionItem): string {
  switch (item.kind) {
    case 'satisfaction':
      return `select_one ${satisfactionList}`;
    case 'yes_no':
      return `select_one ${yesNoList}`;
    case 'single_choice':
      return `select_one ${item.id}`;
    case 'multiple_choice':
      return `select_multiple ${item.id}`;
    case 'number':
      return item.constraints?.integer ? 'integer' : 'decimal';
    case 'short_text':
    case 'long_text':
      return 'text';
  }
}

const text = (value: number | undefined) => (value === undefined ? undefined : String(value));

function surveyRow(item: QuestionItem): SheetRow {
  const constraints = item.constraints ?? {};
  const row: Record<string, string | undefined> = {
    type: typeOf(item),
    name: item.id,
    ...localizedColumns('label', item.text),
    ...localizedColumns('hint', item.help),
    required: constraints.required ? 'yes' : undefined,
    relevant: item.relevant && printCondition(item.relevant),
    appearance: item.kind === 'long_text' ? 'multiline' : undefined,
    dimension: item.indicatorId && dimensionOf.get(item.indicatorId),
    indicator: item.indicatorId,
    evaluation: item.evaluation,
    level: item.level,
    subdistrict: item.subdistrictId,
    allow_no_opinion: item.allowNoOpinion === undefined ? undefined : item.allowNoOpinion ? 'yes' : 'no',
    min: text(constraints.min),
    max: text(constraints.max),
    min_selections: text(constraints.minSelections),
    max_selections: text(constraints.maxSelections),
    max_length: text(constraints.maxLength),
    pattern: constraints.pattern,
    ...localizedColumns('constraint_message', constraints.patternMessage),
  };
  return Object.fromEntries(Object.entries(row).filter((entry): entry is [string, string] => entry[1] !== undefined));
}

function choiceRows(list: string, options: readonly ChoiceOption[]): SheetRow[] {
  return options.map((option) => ({ list_name: list, name: option.id, ...localizedColumns('label', option.label) }));
}

/** The definition as XLSForm sheets. */
export function definitionToSheets(definition: QuestionnaireDefinition): XlsFormSheets {
  const shared = [
    ...choiceRows(satisfactionList, satisfactionScale),
    ...choiceRows(yesNoList, [
      { id: 'yes', label: { zh: '是', en: 'Yes' } },
      { id: 'no', label: { zh: '否', en: 'No' } },
    ]),
  ];
  const settings: Record<string, string | undefined> = {
    form_id: definition.id,
    version: String(definition.version),
    ...localizedColumns('form_title', definition.title),
    audience: definition.audience,
    elderly_mode: definition.elderlyMode === undefined ? undefined : definition.elderlyMode ? 'yes' : 'no',
    ...localizedColumns('intro', definition.intro),
    default_language: zh,
  };
  return {
    survey: definition.items.map(surveyRow),
    choices: [...shared, ...definition.items.flatMap((item) => (item.options ? choiceRows(item.id, item.options) : []))],
    settings: [Object.fromEntries(Object.entries(settings).filter((entry): entry is [string, string] => entry[1] !== undefined))],
  };
}

/** Reads one sheet row's cells, collecting what is wrong instead of stopping at the first problem. */
class RowReader {
  constructor(
    private readonly row: SheetRow,
    private readonly report: (problem: Omit<SheetProblem, 'sheet' | 'row'>) => void,
  ) {}

  text(column: string): string | undefined {
    const value = this.row[column]?.trim();
    return value === undefined || value === '' ? undefined : value;
  }

  localized(prefix: string): LocalizedText | undefined {
    const chinese = this.text(`${prefix}::${zh}`);
    const english = this.text(`${prefix}::${en}`);
    if (chinese === undefined) {
      if (english !== undefined) this.report({ column: `${prefix}::${zh}`, reason: 'empty', message: `${prefix}::${zh} is empty (the Chinese text is required)` });
      return undefined;
    }
    return { zh: chinese, en: english ?? chinese };
  }

  yesNo(column: string): boolean | undefined {
    const value = this.text(column)?.toLowerCase();
    if (value === undefined) return undefined;
    if (['yes', 'true', '1', '是'].includes(value)) return true;
    if (['no', 'false', '0', '否'].includes(value)) return false;
    this.report({ column, reason: 'not_yes_no', value, message: `${column} must be yes or no, not "${value}"` });
    return undefined;
  }

  number(column: string, integer = false): number | undefined {
    const value = this.text(column);
    if (value === undefined) return undefined;
    const parsed = Number(value);
    if (!Number.isFinite(parsed) || (integer && !Number.isInteger(parsed))) {
      this.report({ column, reason: integer ? 'not_whole_number' : 'not_number', value, message: `${column} must be ${integer ? 'a whole number' : 'a number'}, not "${value}"` });
      return undefined;
    }
    return parsed;
  }
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

const kindOfType: Record<string, QuestionItem['kind']> = { integer: 'number', decimal: 'number', text: 'short_text' };

/**
 * The definition in XLSForm sheets, or every problem found, each with its sheet and row. The
 * definition is then checked against the shared schema, whose problems are mapped to survey rows.
 */
export function sheetsToDefinition(sheets: XlsFormSheets): { definition: QuestionnaireDefinition } | { problems: SheetProblem[] } {
  const problems: SheetProblem[] = [];
  const reader = (sheet: SheetName, index: number, row: SheetRow) => new RowReader(row, (problem) => problems.push({ sheet, row: index + 2, ...problem }));

  const options = new Map<string, ChoiceOption[]>();
  sheets.choices.forEach((row, index) => {
    const cells = reader('choices', index, row);
    const list = cells.text('list_name');
    const name = cells.text('name');
    const label = cells.localized('label');
    if (list === undefined && name === undefined && label === undefined) return;
    if (list === satisfactionList || list === yesNoList) return;
    if (list === undefined || name === undefined || label === undefined) {
      problems.push({ sheet: 'choices', row: index + 2, reason: 'choice_incomplete', message: 'list_name, name and label::Chinese (zh) are all needed' });
      return;
    }
    options.set(list, [...(options.get(list) ?? []), { id: name, label }]);
  });

  const settingsRow = sheets.settings[0];
  const settings = reader('settings', 0, settingsRow ?? {});
  if (!settingsRow) problems.push({ sheet: 'settings', row: 2, reason: 'settings_row_missing', message: 'the settings sheet needs one row: form_id, version, form_title, audience' });
  const audience = audienceSchema.safeParse(settings.text('audience'));
  if (settingsRow && !audience.success) problems.push({ sheet: 'settings', row: 2, column: 'audience', reason: 'invalid_value', value: settings.text('audience') ?? '', message: `audience must be one of ${audienceSchema.options.join(', ')}` });

  const rowOfItem: number[] = [];
  const items: QuestionItem[] = [];
  sheets.survey.forEach((row, index) => {
    const cells = reader('survey', index, row);
    const type = cells.text('type');
    if (type === undefined && cells.text('name') === undefined) return;
    const [base, list] = (type ?? '').split(/\s+/);
    const name = cells.text('name') ?? '';
    let kind: QuestionItem['kind'] | undefined;
    if (base === 'select_one' && list === satisfactionList) kind = 'satisfaction';
    else if (base === 'select_one' && list === yesNoList) kind = 'yes_no';
    else if (base === 'select_one' || base === 'select_multiple') {
      kind = base === 'select_one' ? 'single_choice' : 'multiple_choice';
      if (list !== name) problems.push({ sheet: 'survey', row: index + 2, column: 'type', reason: 'list_not_named_after_item', value: name, message: `the choice list of "${name}" must be named after it: ${base} ${name}` });
      else if (!options.has(name)) problems.push({ sheet: 'survey', row: index + 2, column: 'type', reason: 'no_choices', value: name, message: `no choices with list_name "${name}" on the choices sheet` });
    } else if (base !== undefined && base in kindOfType) {
      kind = base === 'text' && cells.text('appearance') === 'multiline' ? 'long_text' : kindOfType[base];
    } else {
      problems.push({ sheet: 'survey', row: index + 2, column: 'type', reason: 'unknown_type', value: type ?? '', message: `type "${type ?? ''}" is not one we read (select_one, select_multiple, integer, decimal, text)` });
      return;
    }
    let relevant;
    const expression = cells.text('relevant');
    if (expression !== undefined) {
      try {
        relevant = parseCondition(expression);
      } catch (error) {
        if (!(error instanceof ExpressionError)) throw error;
        problems.push({ sheet: 'survey', row: index + 2, column: 'relevant', reason: 'invalid_condition', value: expression, message: `relevant: ${error.message}` });
      }
    }
    const indicatorId = cells.text('indicator');
    const dimension = cells.text('dimension');
    if (dimension !== undefined && indicatorId !== undefined && dimensionOf.get(indicatorId) !== dimension) {
      problems.push({ sheet: 'survey', row: index + 2, column: 'dimension', reason: 'indicator_dimension', value: indicatorId, message: `indicator ${indicatorId} belongs to dimension ${dimensionOf.get(indicatorId) ?? '(unknown indicator)'}, not ${dimension}` });
    }
    const constraints: Constraints = withoutUndefined({
      required: cells.yesNo('required') || undefined,
      min: cells.number('min'),
      max: cells.number('max'),
      integer: base === 'integer' || undefined,
      minSelections: cells.number('min_selections', true),
      maxSelections: cells.number('max_selections', true),
      maxLength: cells.number('max_length', true),
      pattern: cells.text('pattern'),
      patternMessage: cells.localized('constraint_message'),
    });
    const label = cells.localized('label');
    if (!label) problems.push({ sheet: 'survey', row: index + 2, column: `label::${zh}`, reason: 'empty', message: `label::${zh} is empty` });
    rowOfItem.push(index + 2);
    items.push(
      withoutUndefined({
        id: name,
        kind: kind!,
        text: label ?? { zh: '', en: '' },
        help: cells.localized('hint'),
        options: kind === 'single_choice' || kind === 'multiple_choice' ? options.get(name) : undefined,
        allowNoOpinion: cells.yesNo('allow_no_opinion'),
        relevant,
        constraints: Object.keys(constraints).length > 0 ? constraints : undefined,
        indicatorId,
        evaluation: cells.text('evaluation') as QuestionItem['evaluation'],
        level: cells.text('level') as QuestionItem['level'],
        subdistrictId: cells.text('subdistrict'),
      }),
    );
  });
  if (problems.length > 0) return { problems };

  const parsed = questionnaireDefinitionSchema.safeParse(
    withoutUndefined({
      id: settings.text('form_id'),
      version: settings.number('version', true),
      audience: audience.data,
      title: settings.localized('form_title'),
      intro: settings.localized('intro'),
      elderlyMode: settings.yesNo('elderly_mode'),
      items,
    }),
  );
  if (parsed.success) return { definition: parsed.data };
  return {
    problems: parsed.error.issues.map((issue): SheetProblem => {
      const [first, index, ...rest] = issue.path;
      const inItem = first === 'items' && typeof index === 'number';
      const path = (inItem ? rest : issue.path).map((part) => (typeof part === 'number' ? part : String(part)));
      const bounds = issue as { origin?: string; minimum?: number | bigint; maximum?: number | bigint };
      const schemaIssue = {
        code: issue.code,
        message: issue.message,
        path,
        ...(bounds.origin !== undefined ? { origin: String(bounds.origin) } : {}),
        ...(bounds.minimum !== undefined ? { minimum: Number(bounds.minimum) } : {}),
        ...(bounds.maximum !== undefined ? { maximum: Number(bounds.maximum) } : {}),
      };
      if (inItem) return { sheet: 'survey', row: rowOfItem[index] ?? 2, reason: 'schema', issue: schemaIssue, message: `${rest.join('.') || 'item'}: ${issue.message}` };
      return { sheet: 'settings', row: 2, reason: 'schema', issue: schemaIssue, message: `${issue.path.join('.')}: ${issue.message}` };
    }),
  };
}
