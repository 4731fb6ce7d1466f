import type { SheetProblem } from '../../shared/questionnaire/xlsform';
/**
 * Schema issues (zod's, and the "field: reason; …" text the server builds from them) as reasons the
 * messages can say in words: `errors.issues.<reason>` with the field's label from
 * `errors.fields.<name>`. No schema text reaches a screen; a reason we cannot read is `invalid`.
 */
export const issueReasons = [
  'empty', 'too_long', 'too_short', 'too_big', 'too_small', 'invalid_type', 'invalid_value', 'invalid_format', 'unknown_keys', 'note_required', 'before_start', 'unknown_reference', 'out_of_scope', 'mismatch', 'invalid',
  // A questionnaire's own rules (shared/questionnaire/definition.ts), and its XLSForm file's (xlsform.ts sheetProblemReasons).
  'duplicate', 'options_required', 'options_not_taken', 'invalid_pattern', 'subdistrict_required', 'not_earlier_item', 'unknown_indicator', 'sheet_missing',
  'not_yes_no', 'not_number', 'not_whole_number', 'choice_incomplete', 'settings_row_missing', 'list_not_named_after_item', 'no_choices', 'unknown_type', 'invalid_condition', 'indicator_dimension',
] as const;
export type IssueReason = (typeof issueReasons)[number];

export interface FieldIssue {
  /** Where, as the schema names it (`data`, `body` and item numbers included). */
  path: readonly (string | number)[];
  reason: IssueReason;
  /** A bound (minimum, maximum) when the reason has one. */
  limit?: number | undefined;
  /** The text the reason is about (a cell's content, a name), when it names one. */
  value?: string | undefined;
  /** The sheet and row of a file the issue is in (row 0: the sheet as a whole). */
  where?: { sheet: string; row: number } | undefined;
}

/** What zod reports, in the shape of both zod and zod/mini (which has no messages of its own). */
export interface SchemaIssueLike {
  code?: string | undefined;
  path: readonly PropertyKey[];
  message?: string | undefined;
  origin?: string | undefined;
  minimum?: number | bigint | undefined;
  maximum?: number | bigint | undefined;
}

/** The schemas' own messages (src/shared), each a reason; matched at the start of the text. */
const ownMessages: readonly (readonly [RegExp, IssueReason])[] = [
  [/^must not be empty|is empty$/, 'empty'],
  [/^at most (\d+) characters/, 'too_long'],
  [/^must say what was done/, 'note_required'],
  [/^must not be before/, 'before_start'],
  [/^unknown keys/, 'unknown_keys'],
  [/^must not contain U\+0000/, 'invalid_format'],
  // The push policy's own reasons (server/sync: validate, authorise, check-references).
  [/^(unknown (round|community)|no (case|session|record|published questionnaire)) /, 'unknown_reference'],
  [/is outside your|may push only|may not push|belongs to another user|uploaded by another user/, 'out_of_scope'],
  [/^does not match|is for \w+, not /, 'mismatch'],
  // The questionnaire definition's rules (shared/questionnaire/definition.ts).
  [/^duplicate (item|option) id/, 'duplicate'],
  [/ needs options$/, 'options_required'],
  [/ takes no options$/, 'options_not_taken'],
  [/ has an invalid pattern$/, 'invalid_pattern'],
  [/ must name its sub-district$/, 'subdistrict_required'],
  [/, which is not an earlier item$/, 'not_earlier_item'],
  [/^an indicator id of the evaluation framework/, 'unknown_indicator'],
  [/^lower-case letters, digits and "-"/, 'invalid_format'],
  [/^at least one item/, 'empty'],
];

function reasonOfMessage(message: string): { reason: IssueReason; limit?: number } {
  for (const [pattern, reason] of ownMessages) {
    const match = pattern.exec(message);
    if (match) return { reason, ...(match[1] ? { limit: Number(match[1]) } : {}) };
  }
  return { reason: 'invalid' };
}

/** One zod issue as a reason: a custom message of ours first, then zod's code and bounds. */
export function issueOfSchema(issue: SchemaIssueLike): FieldIssue {
  const path = issue.path.map((part) => (typeof part === 'number' ? part : String(part)));
  const own = issue.message ? reasonOfMessage(issue.message) : { reason: 'invalid' as const };
  if (own.reason !== 'invalid') return { path, ...own };
  const limit = Number(issue.minimum ?? issue.maximum);
  switch (issue.code) {
    case 'too_small':
      if (issue.origin === 'string' || issue.origin === 'array') return { path, reason: Number(issue.minimum) <= 1 ? 'empty' : 'too_short', limit };
      return { path, reason: 'too_small', limit };
    case 'too_big':
      return { path, reason: issue.origin === 'string' || issue.origin === 'array' ? 'too_long' : 'too_big', limit };
    case 'invalid_type':
      return { path, reason: 'invalid_type' };
    case 'invalid_value':
    case 'invalid_union':
      return { path, reason: 'invalid_value' };
    case 'invalid_format':
      return { path, reason: 'invalid_format' };
    case 'unrecognized_keys':
      return { path, reason: 'unknown_keys' };
    default:
      return { path, reason: 'invalid' };
  }
}

/**
 * The issues in a server's text ("Invalid request: body.a: reason; data.b: reason; (and 3 more)"),
 * or none when the text is not such a list.
 */
export function issuesOfText(text: string): FieldIssue[] {
  const parts = text.replace(/^Invalid request: /, '').split('; ');
  const issues: FieldIssue[] = [];
  for (const part of parts) {
    const match = /^([A-Za-z0-9_.]+(?: \(upgraded to version \d+\))?(?:\.[A-Za-z0-9_.]+)?): (.+)$/.exec(part);
    if (!match) continue;
    const path = match[1]!
      .replace(/ \(upgraded to version \d+\)/, '')
      .split('.')
      .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
    issues.push({ path, ...reasonOfMessage(match[2]!) });
  }
  return issues;
}

const containers = new Set(['body', 'data', 'query', 'params', 'record', 'items', 'answers', 'definition']);

/**
 * The message names under `errors.fields` that may label this path, best first: the last two named
 * parts (`text_zh`), then the last one (`note`). Containers and item numbers are not names.
 */
export function fieldNames(path: readonly (string | number)[]): string[] {
  const named = path.filter((part): part is string => typeof part === 'string' && !containers.has(part));
  const last = named.at(-1);
  if (!last) return [];
  const pair = named.length > 1 ? [`${named.at(-2)}_${last}`] : [];
  return [...pair, last];
}

/** A column of an XLSForm sheet as the path its label is found by: `label::Chinese (zh)` is label, zh. */
function columnPath(column: string): string[] {
  const [name, language] = column.split('::');
  return language === undefined ? [name!] : [name!, /\(en\)$/.test(language) ? 'en' : 'zh'];
}

/** One problem of an XLSForm file as an issue at its sheet and row: a schema issue by its reason, the file's own by theirs. */
export function issueOfSheetProblem(problem: SheetProblem): FieldIssue {
  const where = { sheet: problem.sheet, row: problem.row };
  if (problem.reason === 'schema') return { ...issueOfSchema(problem.issue ?? { path: [] }), where };
  const reason: IssueReason = problem.reason;
  return { path: problem.column ? columnPath(problem.column) : [], reason, value: problem.value, where };
}
