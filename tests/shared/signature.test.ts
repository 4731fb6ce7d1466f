import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson, sha256Hex } from '../../src/shared/hashing';
import { finaliseRecord, recordHash, type FinalisedRecord, type RecordData } from '../../src/shared/records';
import { signatureData, verifySignature } from '../../src/shared/signature';

const response: RecordData<'response'> = {
  authorId: 'worker-1',
  deviceId: 'device-1',
  createdAt: '2026-03-02T09:00:00.000Z',
  finalisedAt: '2026-03-02T09:10:00.000Z',
  questionnaireId: 'resident-elderly',
  questionnaireVersion: 1,
  audience: 'elderly',
  communityId: 'yijiangmen-c01',
  roundId: '2026-H1',
  channel: 'field',
  answers: { sat_ug_environment: 'satisfied', grid_visited: true, concerns: ['other'], concerns_other: '楼道灯不亮' },
};
const image = new TextEncoder().encode('\x89PNG pretend image bytes');
const signed = finaliseRecord('response', '0190f0a0-0000-7000-8000-0000000000c1', response);

function sign(extra: { blobHash?: string; declinedReason?: string }): FinalisedRecord {
  const data = signatureData({
    signed,
    signedAt: '2026-03-02T09:11:00.000Z',
    signerRole: 'resident',
    communityId: 'yijiangmen-c01',
    authorId: 'worker-1',
    deviceId: 'device-1',
    createdAt: '2026-03-02T09:10:30.000Z',
    ...extra,
  });
  return finaliseRecord('signature', '0190f0a0-0000-7000-8000-0000000000c2', data);
}

describe('canonical JSON and hash of a record', () => {
  it('is the SHA-256 of the canonical text, as any other SHA-256 implementation computes it', () => {
    const text = canonicalJson({ id: signed.id, kind: signed.kind, schemaVersion: signed.schemaVersion, data: signed.data });
    expect(text.startsWith('{"data":{"answers":{"concerns":["other"],"concerns_other":"楼道灯不亮","grid_visited":true,')).toBe(true);
    expect(signed.hash).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
    expect(recordHash(signed)).toBe(signed.hash);
  });
});

describe('signature binding', () => {
  const signature = sign({ blobHash: sha256Hex(image) });

  it('holds for the record and image signed', () => {
    expect(signature.data).toMatchObject({ signedHash: signed.hash, signedRecordId: signed.id, blobHash: sha256Hex(image), signedAt: '2026-03-02T09:11:00.000Z' });
    expect(verifySignature(signature, signed, image)).toBeUndefined();
  });

  it('breaks when the signed content changes, even with a recomputed hash', () => {
    const edited = { ...signed, data: { ...signed.data, answers: { ...response.answers, sat_ug_environment: 'very_unsatisfied' } } };
    expect(verifySignature(signature, edited, image)).toBe('the signed record has changed since it was signed');
    const rehashed = { ...edited, hash: recordHash(edited) };
    expect(verifySignature(signature, rehashed, image)).toBe('the signed record has changed since it was signed');
  });

  it('breaks when the image or the binding changes', () => {
    expect(verifySignature(signature, signed, new TextEncoder().encode('another drawing'))).toBe('the signature image has changed since it was signed');
    expect(verifySignature(signature, signed)).toBe('the signature image is missing');
    const rebound = { ...signature, data: { ...signature.data, signedHash: sha256Hex(new Uint8Array([1])) } };
    expect(verifySignature(rebound, signed, image)).toMatch(/^signature record: hash: /);
    const other = finaliseRecord('response', '0190f0a0-0000-7000-8000-0000000000c9', response);
    expect(verifySignature(signature, other, image)).toBe('the signature is for another record');
  });

  it('records a reason instead of an image when the resident declines', () => {
    const declined = sign({ declinedReason: ' 视力不好，不愿签字 ' });
    expect(declined.data).toMatchObject({ declinedReason: '视力不好，不愿签字' });
    expect(declined.data).not.toHaveProperty('blobHash');
    expect(verifySignature(declined, signed)).toBeUndefined();
    expect(() => sign({})).toThrow();
    expect(() => sign({ declinedReason: '   ' })).toThrow();
    expect(() => sign({ blobHash: sha256Hex(image), declinedReason: 'both' })).toThrow();
  });
});
