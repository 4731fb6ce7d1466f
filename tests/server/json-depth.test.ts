import { describe, expect, it } from 'vitest';
import { jsonDepth, maxJsonDepth } from '../../src/server/json-depth';

describe('JSON nesting depth', () => {
  it('counts objects and arrays, not scalars', () => {
    expect(jsonDepth('x')).toBe(0);
    expect(jsonDepth({ a: [1, { b: null }] })).toBe(3);
  });

  it('measures a value nested far beyond the stack without overflowing, stopping past the bound', () => {
    let nested: unknown = 'x';
    for (let i = 0; i < 200_000; i++) nested = [nested];
    expect(jsonDepth(nested)).toBe(maxJsonDepth + 1);
  });
});
