import type { Condition, Scalar } from './form';

/**
 * Skip-logic conditions written as XLSForm-style expressions, for the `relevant` column of a
 * questionnaire file: `${grid_visited} = true()`, `selected(${concerns}, 'other')`, `${age} >= 60`,
 * `${comment} != ''` (answered), `one-of(${q}, 'a', 'b')`, `not(…)`, `and`, `or` and parentheses.
 * Printing then parsing gives back the same condition: nested groups are always parenthesised.
 * Only this closed language is read; nothing in a file is ever run as code.
 */

const comparisons = { '=': 'equals', '!=': 'not_equals', '>': 'greater_than', '>=': 'at_least', '<': 'less_than', '<=': 'at_most' } as const;
type ComparisonSymbol = keyof typeof comparisons;
const symbolOf = Object.fromEntries(Object.entries(comparisons).map(([symbol, op]) => [op, symbol])) as Record<(typeof comparisons)[ComparisonSymbol], ComparisonSymbol>;

function printScalar(value: Scalar): string {
  if (typeof value === 'boolean') return value ? 'true()' : 'false()';
  if (typeof value === 'number') return String(value);
  return `'${value.replaceAll("'", "''")}'`;
}

const reference = (item: string) => `\${${item}}`;

export function printCondition(condition: Condition): string {
  switch (condition.op) {
    case 'all':
    case 'any':
      return condition.conditions.map((inner) => (inner.op === 'all' || inner.op === 'any' ? `(${printCondition(inner)})` : printCondition(inner))).join(condition.op === 'all' ? ' and ' : ' or ');
    case 'not':
      return `not(${printCondition(condition.condition)})`;
    case 'answered':
      return `${reference(condition.item)} != ''`;
    case 'includes':
      return `selected(${reference(condition.item)}, ${printScalar(condition.value)})`;
    case 'one_of':
      return `one-of(${reference(condition.item)}, ${condition.values.map(printScalar).join(', ')})`;
    default:
      return `${reference(condition.item)} ${symbolOf[condition.op]} ${printScalar(condition.value)}`;
  }
}

type Token = { kind: 'ref'; item: string } | { kind: 'string'; value: string } | { kind: 'number'; value: number } | { kind: 'word'; value: string } | { kind: 'symbol'; value: string };

/** Why an expression cannot be read, with the character position (from 1) where reading stopped. */
export class ExpressionError extends Error {}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const pattern = /\s*(?:\$\{([a-z][a-z0-9_]*)\}|'((?:[^']|'')*)'|(-?\d+(?:\.\d+)?)|([a-z][a-z-]*)|(!=|>=|<=|=|>|<|\(|\)|,))/y;
  let at = 0;
  while (at < text.length) {
    if (text.slice(at).trim() === '') break;
    pattern.lastIndex = at;
    const match = pattern.exec(text);
    if (!match) throw new ExpressionError(`cannot read "${text.slice(at).trim().slice(0, 20)}" at character ${at + 1}`);
    const [, ref, string, number, word, symbol] = match;
    if (ref !== undefined) tokens.push({ kind: 'ref', item: ref });
    else if (string !== undefined) tokens.push({ kind: 'string', value: string.replaceAll("''", "'") });
    else if (number !== undefined) tokens.push({ kind: 'number', value: Number(number) });
    else if (word !== undefined) tokens.push({ kind: 'word', value: word });
    else tokens.push({ kind: 'symbol', value: symbol! });
    at = pattern.lastIndex;
  }
  return tokens;
}

export function parseCondition(text: string): Condition {
  const tokens = tokenize(text);
  let index = 0;
  const peek = () => tokens[index];
  const describe = (token: Token | undefined) => (token === undefined ? 'the end' : token.kind === 'ref' ? `\${${token.item}}` : `"${String(token.value)}"`);
  const fail = (expected: string): never => {
    throw new ExpressionError(`expected ${expected} but found ${describe(peek())}`);
  };
  const isSymbol = (value: string) => peek()?.kind === 'symbol' && (peek() as { value: string }).value === value;
  const isWord = (value: string) => peek()?.kind === 'word' && (peek() as { value: string }).value === value;
  const expectSymbol = (value: string) => (isSymbol(value) ? void (index += 1) : fail(`"${value}"`));

  function item(): string {
    const token = peek();
    if (token?.kind !== 'ref') return fail('a question such as ${name}');
    index += 1;
    return token.item;
  }

  function scalar(): Scalar {
    const token = peek();
    if (token?.kind === 'string' || token?.kind === 'number') {
      index += 1;
      return token.value;
    }
    if (token?.kind === 'word' && (token.value === 'true' || token.value === 'false')) {
      index += 1;
      expectSymbol('(');
      expectSymbol(')');
      return token.value === 'true';
    }
    return fail("a value such as 'text', 3 or true()");
  }

  function call(name: string): Condition {
    index += 1;
    expectSymbol('(');
    let condition: Condition;
    if (name === 'not') condition = { op: 'not', condition: disjunction() };
    else {
      const target = item();
      const values: Scalar[] = [];
      while (isSymbol(',')) {
        index += 1;
        values.push(scalar());
      }
      if (name === 'selected') {
        if (values.length !== 1 || typeof values[0] !== 'string') fail("one choice name, as in selected(${q}, 'name')");
        condition = { op: 'includes', item: target, value: values[0] as string };
      } else {
        if (values.length === 0) fail("at least one value, as in one-of(${q}, 'a', 'b')");
        condition = { op: 'one_of', item: target, values };
      }
    }
    expectSymbol(')');
    return condition;
  }

  function primary(): Condition {
    if (isSymbol('(')) {
      index += 1;
      const inner = disjunction();
      expectSymbol(')');
      return inner;
    }
    for (const name of ['not', 'selected', 'one-of']) if (isWord(name)) return call(name);
    const target = item();
    const token = peek();
    if (token?.kind !== 'symbol' || !(token.value in comparisons)) return fail('a comparison (=, !=, >, >=, <, <=)');
    index += 1;
    const symbol = token.value as ComparisonSymbol;
    const value = scalar();
    if (symbol === '!=' && value === '') return { op: 'answered', item: target };
    const op = comparisons[symbol];
    if (op === 'equals' || op === 'not_equals') return { op, item: target, value };
    if (typeof value !== 'number') return fail(`a number after ${symbol}`);
    return { op, item: target, value: value as number };
  }

  function group(op: 'all' | 'any', word: string, next: () => Condition): Condition {
    const first = next();
    const rest: Condition[] = [];
    while (isWord(word)) {
      index += 1;
      rest.push(next());
    }
    return rest.length === 0 ? first : { op, conditions: [first, ...rest] };
  }

  const conjunction = (): Condition => group('all', 'and', primary);
  const disjunction = (): Condition => group('any', 'or', conjunction);

  const condition = disjunction();
  if (index < tokens.length) fail('"and", "or" or the end');
  return condition;
}
