import { describe, expect, it } from 'vitest';
import { maxJsonDepth } from '../../src/server/json-depth';
import { nestsDeeperThan } from '../../src/shared/validation';

/** `depth` levels of arrays around a scalar. */
function nestedArrays(depth: number): unknown {
  let nested: unknown = 'x';
  for (let i = 0; i < depth; i++) nested = [nested];
  return nested;
}

describe('JSON nesting depth', () => {
  it('counts objects and arrays, not scalars', () => {
    expect(nestsDeeperThan('x', 0)).toBe(false);
    expect(nestsDeeperThan({ a: [1, { b: null }] }, 3)).toBe(false);
    expect(nestsDeeperThan({ a: [1, { b: null }] }, 2)).toBe(true);
  });

  it('measures a value nested far beyond the stack without overflowing', () => {
    expect(nestsDeeperThan(nestedArrays(maxJsonDepth), maxJsonDepth)).toBe(false);
    expect(nestsDeeperThan(nestedArrays(maxJsonDepth + 1), maxJsonDepth)).toBe(true);
    expect(nestsDeeperThan(nestedArrays(200_000), maxJsonDepth)).toBe(true);
  });
});
