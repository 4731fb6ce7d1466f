import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import canonicalize from 'canonicalize';

/**
 * Canonical JSON (RFC 8785: sorted keys, no whitespace). The same function runs on the device and
 * on the server, so both compute the same hash for the same content.
 */
export function canonicalJson(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new Error('Cannot serialise an undefined value as canonical JSON');
  return text;
}

type Sha256 = (bytes: Uint8Array) => Uint8Array;
let digest: Sha256 = sha256;

/**
 * Lets the server use its platform's native SHA-256 (same digest, several times faster on a large
 * batch); devices keep the portable one. The canonical JSON above is the same everywhere.
 */
export function useSha256(implementation: Sha256): void {
  digest = implementation;
}

/** Lower-case hex SHA-256. Synchronous, so it can run inside an IndexedDB transaction. */
export function sha256Hex(bytes: Uint8Array): string {
  return bytesToHex(digest(bytes));
}

export function hashCanonical(value: unknown): string {
  return sha256Hex(utf8ToBytes(canonicalJson(value)));
}

export const sha256HexPattern = /^[0-9a-f]{64}$/;
