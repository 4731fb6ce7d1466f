import { describe, expect, it, vi } from 'vitest';
import { allRecords, getRecord, saveFinalised } from '../../src/app/db/records';
import { toWire, unsentRecordsWithBlobs } from '../../src/app/db/outbox';
import { finaliseRecord, recordHash } from '../../src/shared/records';
import { sampleVisitData } from '../helpers/records';

// The app after an update that ships visit version 2 (which records how contact was made): the
// device still holds a version-1 visit. Reading applies only the up() step, so its schema is not needed here.
vi.mock('../../src/shared/records', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/shared/records')>();
  const visitV2 = { schema: original.visitDataSchema, up: (previous: Record<string, unknown>) => ({ ...previous, contact: 'door' }) };
  return { ...original, recordVersions: { ...original.recordVersions, visit: [...original.recordVersions.visit, visitV2] } };
});

describe('records made before an update', () => {
  it('read as the current version on screen, and are stored and sent exactly as made', async () => {
    const v1 = finaliseRecord('visit', '0190f0a0-0000-7000-8000-0000000000d1', sampleVisitData);
    expect(v1.schemaVersion).toBe(1);
    await saveFinalised([v1]);

    const [shown] = await allRecords('visit');
    expect(shown).toMatchObject({ id: v1.id, schemaVersion: 2, data: { ...sampleVisitData, contact: 'door' } });

    const stored = await getRecord(v1.id);
    expect(stored && toWire(stored)).toEqual(v1);
    expect((await unsentRecordsWithBlobs()).records).toEqual([v1]);
    expect(recordHash(v1)).toBe(v1.hash);
  });
});
