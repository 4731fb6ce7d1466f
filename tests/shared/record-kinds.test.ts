import { describe, expect, it } from 'vitest';
import {
  checkRecord,
  deviceRecordKinds,
  recordBlobHashes,
  recordBlobReferences,
  recordHash,
  recordVersions,
  storedBlobFields,
  upgradeRecord,
  type DeviceRecordKind,
  type FinalisedRecord,
} from '../../src/shared/records';

const hash = (char: string) => char.repeat(64);
const photo = (char: string) => ({ blobHash: hash(char), mediaType: 'image/jpeg', bytes: 1000 });
const made = { authorId: 'u-1', deviceId: 'device-a', createdAt: '2026-03-02T09:00:00.000Z', finalisedAt: '2026-03-02T09:10:00.000Z' };
const id = (n: number) => `0190f0a0-0000-7000-8000-${String(n).padStart(12, '0')}`;

/**
 * Valid data of every version of every kind, with the blobs it names. A new version fails
 * "every version has a sample" until one is added here, so its blob fields and its `up()` are tested.
 */
const samples: Record<DeviceRecordKind, Array<{ data: Record<string, unknown>; blobs: string[] }>> = {
  household: [{ data: { ...made, communityId: 'c-1', building: '3', unit: '2', room: '401' }, blobs: [] }],
  visit: [{ data: { ...made, householdId: id(1), communityId: 'c-1', roundId: '2026-H1', outcome: 'completed', responseId: id(2) }, blobs: [] }],
  response: [
    {
      data: { ...made, questionnaireId: 'resident-elderly', questionnaireVersion: 1, audience: 'elderly', communityId: 'c-1', roundId: '2026-H1', channel: 'field', answers: { sat_env: 'satisfied' } },
      blobs: [],
    },
  ],
  signature: [
    {
      data: { ...made, communityId: 'c-1', signedRecordId: id(2), signedRecordKind: 'response', signedHash: hash('f'), signedAt: made.finalisedAt, signerRole: 'resident', blobHash: hash('a') },
      blobs: [hash('a')],
    },
  ],
  deliberation: [
    {
      data: {
        ...made,
        communityId: 'c-1',
        heldOn: '2026-03-02',
        place: '活动室',
        hostAdviserId: 'adviser-1',
        topic: '小区物业费调整',
        participants: [{ role: '居民代表', count: 12 }],
        issuesRaised: '物业费',
        legalOpinions: '依据物业管理条例',
        resolutions: '召开业主大会',
        followUps: [{ action: '公示', owner: '居委会', dueOn: '2026-03-20' }],
      },
      blobs: [],
    },
    {
      data: {
        ...made,
        communityId: 'c-1',
        heldOn: '2026-03-02',
        startsAt: '09:00',
        endsAt: '10:30',
        place: '活动室',
        hostAdviserId: 'adviser-1',
        coHosts: [],
        topic: 'property_management',
        title: '小区物业费调整',
        participants: [{ kind: 'residents', count: 12, names: [] }],
        issuesRaised: '物业费',
        legalOpinions: [{ opinion: '依据物业管理条例', citations: [{ law: '物业管理条例', article: '第十条' }] }],
        resolutions: '召开业主大会',
        followUps: [],
        photos: [photo('b'), photo('c')],
      },
      blobs: [hash('b'), hash('c')],
    },
  ],
  deliberation_follow_up: [
    {
      data: { ...made, communityId: 'c-1', sessionId: id(3), sessionHash: hash('e'), followUpIndex: 0, status: 'done', note: '已公示', reportedOn: '2026-03-10', photo: photo('d') },
      blobs: [hash('d')],
    },
  ],
  revisit: [{ data: { ...made, communityId: 'c-1', caseId: id(4), outcome: 'improved', residentsAsked: 3 }, blobs: [] }],
  case_report: [{ data: { ...made, communityId: 'c-1', caseId: id(4), action: 'report_fixed', note: '已清运', photos: [photo('1'), photo('2')] }, blobs: [hash('1'), hash('2')] }],
};

function record(kind: DeviceRecordKind, schemaVersion: number, data: Record<string, unknown>, n = 9): FinalisedRecord {
  const unhashed = { id: id(n), kind, schemaVersion, data };
  return { ...unhashed, hash: recordHash(unhashed) };
}

/** Every hash under a `blobHash` key, however deep: what a version's blob fields must account for. */
function hashesUnderBlobHash(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(hashesUnderBlobHash);
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, entry]) => (key === 'blobHash' && typeof entry === 'string' ? [entry] : hashesUnderBlobHash(entry)));
}

const everyVersion = deviceRecordKinds.flatMap((kind) => recordVersions[kind].map((_, index) => [kind, index + 1] as const));

describe('the record kinds’ registry', () => {
  it('has a sample of every version of every kind, and only version 1 of each kind lacks an up() step', () => {
    for (const kind of deviceRecordKinds) {
      expect(samples[kind].length, kind).toBe(recordVersions[kind].length);
      recordVersions[kind].forEach((version, index) => expect(typeof version.up, `${kind} v${index + 1}`).toBe(index === 0 ? 'undefined' : 'function'));
    }
  });

  it.each(everyVersion)('%s version %i: its sample is valid as made', (kind, version) => {
    expect(checkRecord(record(kind, version, samples[kind][version - 1]!.data))).toMatchObject({ ok: true });
  });

  it.each(everyVersion)('%s version %i: blobHashes names the blobs its data binds, and every blobHash in it', (kind, version) => {
    const { data, blobs } = samples[kind][version - 1]!;
    expect(recordVersions[kind][version - 1]!.blobHashes(data)).toEqual(blobs);
    expect(recordBlobHashes({ kind, schemaVersion: version, data })).toEqual(blobs);
    expect(hashesUnderBlobHash(data)).toEqual(blobs);
  });

  it('blobHashes finds nothing where an optional blob is absent', () => {
    const { blobHash: _image, ...declined } = samples.signature[0]!.data;
    expect(recordBlobHashes({ kind: 'signature', schemaVersion: 1, data: { ...declined, declinedReason: '不愿签名' } })).toEqual([]);
    const { photo: _photo, ...withoutPhoto } = samples.deliberation_follow_up[0]!.data;
    expect(recordBlobHashes({ kind: 'deliberation_follow_up', schemaVersion: 1, data: withoutPhoto })).toEqual([]);
    expect(recordBlobHashes({ kind: 'case_report', schemaVersion: 1, data: { ...samples.case_report[0]!.data, photos: [] } })).toEqual([]);
  });

  it('names the field of each blob, as a refusal of it does', () => {
    expect(recordBlobReferences({ kind: 'signature', schemaVersion: 1, data: samples.signature[0]!.data })).toEqual([{ hash: hash('a'), field: 'data.blobHash' }]);
    expect(recordBlobReferences({ kind: 'deliberation', schemaVersion: 2, data: samples.deliberation[1]!.data }).map((blob) => blob.field)).toEqual(['data.photos', 'data.photos']);
    expect(recordBlobReferences({ kind: 'deliberation_follow_up', schemaVersion: 1, data: samples.deliberation_follow_up[0]!.data })).toEqual([{ hash: hash('d'), field: 'data.photo' }]);
  });

  it('reads data of a version it does not know by the current version’s fields', () => {
    expect(recordBlobHashes({ kind: 'deliberation', schemaVersion: 9, data: samples.deliberation[1]!.data })).toEqual([hash('b'), hash('c')]);
  });

  it('lists the fields stored data of any version names blobs through, once each, for the server’s queries', () => {
    expect(storedBlobFields()).toEqual([
      { kind: 'signature', field: 'blobHash', holds: 'hash' },
      { kind: 'deliberation', field: 'photos', holds: 'photos' },
      { kind: 'deliberation_follow_up', field: 'photo', holds: 'photo' },
      { kind: 'case_report', field: 'photos', holds: 'photos' },
    ]);
  });
});

describe('each up() step', () => {
  const older = everyVersion.filter(([kind, version]) => version < recordVersions[kind].length);

  it.each(older)('%s from version %i reaches the current version, accepted by its schema', (kind, version) => {
    const made = record(kind, version, samples[kind][version - 1]!.data);
    const checked = checkRecord(made);
    expect(checked.ok).toBe(true);
    expect(upgradeRecord(made)).toMatchObject({ schemaVersion: recordVersions[kind].length, hash: made.hash });
  });

  it('deliberation 1 → 2: the topic becomes the title under "other", each role a group of others, the opinions one opinion, no photos', () => {
    const v1 = samples.deliberation[0]!.data;
    const { topic: _topic, participants: _participants, legalOpinions: _legalOpinions, ...kept } = v1;
    expect(recordVersions.deliberation[1]!.up!(v1)).toEqual({
      ...kept,
      coHosts: [],
      topic: 'other',
      title: '小区物业费调整',
      participants: [{ kind: 'others', count: 12, names: [], note: '居民代表' }],
      legalOpinions: [{ opinion: '依据物业管理条例', citations: [] }],
      photos: [],
    });
    expect(recordVersions.deliberation[1]!.up!({ ...v1, legalOpinions: '  ' })).toMatchObject({ legalOpinions: [] });
  });
});

describe('the version modules', () => {
  // v*.ts also matches a kind's vocabulary.ts, left out below.
  const modules = import.meta.glob<{ schema: unknown }>('../../src/shared/records/*/v*.ts', { eager: true });

  it('are each one version of one kind, all in the registry in order', () => {
    const onDisk = Object.entries(modules).flatMap(([path, module]) => {
      const [, folder, version] = /records\/([a-z-]+)\/v(\d+)\.ts$/.exec(path) ?? [];
      return folder ? [{ kind: folder.replaceAll('-', '_') as DeviceRecordKind, version: Number(version), module }] : [];
    });
    expect(onDisk.map(({ kind, version }) => `${kind} v${version}`).sort()).toEqual(everyVersion.map(([kind, version]) => `${kind} v${version}`).sort());
    for (const { kind, version, module } of onDisk) expect(recordVersions[kind][version - 1]!.schema).toBe(module.schema);
  });
});
