import { describe, expect, it } from 'vitest';
import { canonicalJson, hashCanonical, sha256Hex } from '../../src/shared/hashing';
import { finaliseRecord, validateRecord } from '../../src/shared/records';
import { sampleVisitData } from '../helpers/records';

const visit = sampleVisitData;

describe('canonical JSON and hashing', () => {
  it('sorts keys at every depth and drops whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { f: 'x', e: null }], c: '中' } })).toBe('{"a":{"c":"中","d":[2,{"e":null,"f":"x"}]},"b":1}');
  });

  it('hashes equal content equally whatever the key order', () => {
    expect(hashCanonical({ a: 1, b: 2 })).toBe(hashCanonical({ b: 2, a: 1 }));
    expect(hashCanonical({ a: 1, b: 2 })).not.toBe(hashCanonical({ a: 1, b: 3 }));
  });

  it('computes the standard SHA-256', () => {
    expect(sha256Hex(new TextEncoder().encode('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('refuses values JSON cannot represent', () => {
    expect(() => canonicalJson({ score: Number.NaN })).toThrow();
  });
});

describe('finalised records', () => {
  it('carry a hash that verifies, and changing the content breaks it', () => {
    const record = finaliseRecord('visit', '0190f0a0-0000-7000-8000-0000000000b1', visit);
    expect(record.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(validateRecord(record)).toBeUndefined();
    expect(validateRecord({ ...record, data: { ...record.data, outcome: 'refused' } })).toBe('hash: does not match the canonical JSON of the record');
  });

  it('name the invalid field and why', () => {
    const record = finaliseRecord('visit', '0190f0a0-0000-7000-8000-0000000000b2', { ...visit, outcome: 'asleep' as never });
    expect(validateRecord(record)).toMatch(/^data\.outcome: /);
    expect(validateRecord({ ...record, schemaVersion: 9 })).toMatch(/^schemaVersion: visit records are at version 1/);
  });
});
