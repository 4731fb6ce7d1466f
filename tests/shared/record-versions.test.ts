import { describe, expect, it } from 'vitest';
import { checkRecord, currentVersions, finaliseRecord, recordHash, upgradeRecord } from '../../src/shared/records';
import { registryWithVisitV2 } from '../helpers/record-versions';
import { sampleVisitData } from '../helpers/records';

const visit = sampleVisitData;

describe('record versions and upgrades', () => {
  // Made by today's code (version 1), checked by code that knows version 2.
  const v1 = finaliseRecord('visit', '0190f0a0-0000-7000-8000-0000000000c1', visit);

  it('accept a version-1 record after version 2 ships: checked as made, then upgraded and checked again', () => {
    expect(currentVersions(registryWithVisitV2).visit).toBe(2);
    const checked = checkRecord(v1, registryWithVisitV2);
    expect(checked).toEqual({ ok: true, data: visit, current: { ...visit, contact: 'door' } });
  });

  it('upgrade a record for the device to read, keeping the hash of the record as made', () => {
    const upgraded = upgradeRecord(v1, registryWithVisitV2);
    expect(upgraded).toEqual({ ...v1, schemaVersion: 2, data: { ...visit, contact: 'door' } });
    expect(upgradeRecord(upgraded, registryWithVisitV2)).toEqual(upgraded);
    expect(recordHash(v1)).toBe(upgraded.hash);
  });

  it('verify the hash over the record as sent, before upgrading', () => {
    const tampered = { ...v1, data: { ...v1.data, outcome: 'refused' } };
    expect(checkRecord(tampered, registryWithVisitV2)).toEqual({ ok: false, error: 'hash: does not match the canonical JSON of the record' });
  });

  it('check version 2 records against version 2 and refuse versions nobody published', () => {
    const unhashed = { id: '0190f0a0-0000-7000-8000-0000000000c2', kind: 'visit' as const, schemaVersion: 2, data: { ...visit, contact: 'phone' } };
    expect(checkRecord({ ...unhashed, hash: recordHash(unhashed) }, registryWithVisitV2)).toMatchObject({ ok: true, current: unhashed.data });
    const missing = { ...unhashed, data: visit };
    expect(checkRecord({ ...missing, hash: recordHash(missing) }, registryWithVisitV2)).toMatchObject({ ok: false, error: expect.stringMatching(/^data/) });
    const future = { ...unhashed, schemaVersion: 3 };
    expect(checkRecord({ ...future, hash: recordHash(future) }, registryWithVisitV2)).toEqual({ ok: false, error: 'schemaVersion: visit records are at version 2, not 3' });
  });
});
