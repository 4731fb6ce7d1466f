import { z } from 'zod/mini';

/** At most this many issues go into one message, so a huge invalid body cannot build a huge answer. */
export const maxReportedIssues = 10;
/** And at most this many characters (a path into deep data can be long). */
export const maxIssuesLength = 1500;

/** "a; b; c (and N more)": the first few issues, then how many were left out. */
export function joinIssues(issues: readonly string[], max = maxReportedIssues): string {
  const shown = issues.slice(0, max).join('; ').slice(0, maxIssuesLength);
  return issues.length > max ? `${shown}; (and ${issues.length - max} more)` : shown;
}

/**
 * Whether a JSON value nests deeper than `maxDepth` (objects and arrays), checked without recursion
 * so that a hostile depth cannot overflow the stack.
 */
export function nestsDeeperThan(value: unknown, maxDepth: number): boolean {
  const stack: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  while (stack.length > 0) {
    const { value: current, depth } = stack.pop()!;
    if (typeof current !== 'object' || current === null) continue;
    if (depth >= maxDepth) return true;
    for (const child of Object.values(current)) stack.push({ value: child, depth: depth + 1 });
  }
  return false;
}

/** U+0000 is refused in every text: PostgreSQL cannot store it, so SQLite must not accept it either. */
export const withoutNullCharacter = z.refine<string>((text) => !text.includes('\u0000'), 'must not contain U+0000');
