import { joinIssues } from '../validation';

type Issue = { path: PropertyKey[]; message: string; code?: string; keys?: string[] };

/** zod/mini carries no English messages (to keep the app small): name the unknown keys ourselves. */
function issueText(issue: Issue): string {
  if (issue.code === 'unrecognized_keys' && issue.keys) return `unknown keys ${issue.keys.slice(0, 5).map((key) => JSON.stringify(key.slice(0, 40))).join(', ')}`;
  return issue.message;
}

/** "field: reason; …", each field prefixed with where the checked value sits (`data`, or none for the record). */
export function issuesMessage(issues: readonly Issue[], prefix: string): string {
  return joinIssues(issues.map((issue) => `${[prefix, ...issue.path.map(String)].filter(Boolean).join('.') || 'record'}: ${issueText(issue)}`));
}
