import { describe, expect, it } from 'vitest';
import { loginRequestSchema, passwordSchema, usernameSchema } from '../../src/shared/auth';

describe('account schemas', () => {
  it('accepts lower-case usernames and trims them', () => {
    expect(usernameSchema.parse('  demo-worker ')).toBe('demo-worker');
    expect(usernameSchema.safeParse('Demo Worker').success).toBe(false);
    expect(usernameSchema.safeParse('ab').success).toBe(false);
  });

  it('requires passwords of at least 8 characters for new accounts, any non-empty one to sign in', () => {
    expect(passwordSchema.safeParse('short').success).toBe(false);
    expect(passwordSchema.safeParse('long enough').success).toBe(true);
    expect(loginRequestSchema.safeParse({ username: 'demo-worker', password: 'x' }).success).toBe(true);
    expect(loginRequestSchema.safeParse({ username: 'demo-worker' }).success).toBe(false);
  });
});
