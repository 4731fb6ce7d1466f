import { createHash, randomBytes } from 'node:crypto';

/** Bearer tokens: random, and stored only as their SHA-256 (by the sessions repository). */

export function newBearerToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
