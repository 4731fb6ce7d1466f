import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';
import '../../src/server/app';
import { hashCanonical, sha256Hex } from '../../src/shared/hashing';

describe('the server’s native SHA-256', () => {
  it('gives the digests devices compute with the portable implementation', () => {
    for (const size of [0, 1, 55, 56, 64, 1000, 65_537]) {
      const bytes = new Uint8Array(size).map((_, i) => (i * 31 + size) % 256);
      expect(sha256Hex(bytes)).toBe(bytesToHex(sha256(bytes)));
    }
    expect(hashCanonical({ b: '中文', a: [1, 2.5, null, true] })).toBe(bytesToHex(sha256(new TextEncoder().encode('{"a":[1,2.5,null,true],"b":"中文"}'))));
  });
});
