/**
 * Schema issues (zod's, and the "field: reason; …" text the server builds from them) as reasons the
 * messages can say in words: `errors.issues.<reason>` with the field's label from
 * `errors.fields.<name>`. No schema text reaches a screen; a reason we cannot read is `invalid`.
 */
export const issueReasons = ['empty', 'too_long', 'too_short', 'too_big', 'too_small', 'invalid_type', 'invalid_value', 'invalid_format', 'unknown_keys', 'note_required', 'before_start', 'unknown_reference', 'out_of_scope', 'mismatch', 'invalid'] as const;
export type IssueReason = (typeof issueReasons)[number];

export interface FieldIssue {
  /** Where, as the schema names it (`data`, `body` and item numbers included). */
  path: readonly (string | number)[];
  reason: IssueReason;
  /** A bound (minimum, maximum) when the reason has one. */
  limit?: number | undefined;
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
  // The push policy's own reasons (server/policy/push.ts).
  [/^(unknown (round|community)|no (case|session|record|published questionnaire)) /, 'unknown_reference'],
  [/is outside your|may push only|may not push|belongs to another user|uploaded by another user/, 'out_of_scope'],
  [/^does not match|is for \w+, not /, 'mismatch'],
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
