import { describe, expect, it } from 'vitest';
import { followUpLines, followUpRecord, sessionRecord, sessionSignatureRecord } from '../../../src/shared/deliberation/session';
import { sessionLimits } from '../../../src/shared/deliberation/vocabulary';
import { sha256Hex } from '../../../src/shared/hashing';
import { checkRecord, finaliseRecord, recordHash, recordSchemaVersions, upgradeRecord, validateRecord, type FinalisedRecord } from '../../../src/shared/records';
import { verifySignature } from '../../../src/shared/signature';
import { adviser, sessionContent } from '../../../scripts/harness/deliberation';

const sessionId = '0190f5f2-7d1a-7000-8000-00000000a001';
const by = { ...adviser, createdAt: '2026-11-20T06:00:00.000Z', finalisedAt: '2026-11-20T07:40:00.000Z' };
const about = { communityId: 'c-gulou-01', hostAdviserId: 'adviser-1' };
const photo = { blobHash: sha256Hex(new Uint8Array([1, 2, 3])), mediaType: 'image/jpeg' as const, bytes: 3 };

function session(overrides = {}): FinalisedRecord {
  return sessionRecord(sessionId, sessionContent(overrides), about, by);
}

/** A record of a kind with its data replaced, rehashed: what a device with other data would send. */
function withData(record: FinalisedRecord, data: Record<string, unknown>): FinalisedRecord {
  const changed = { ...record, data };
  return { ...changed, hash: recordHash(changed) };
}

describe('deliberation session record, version 2', () => {
  it('is the current version of its kind, and a filled-in session is valid with texts trimmed and empty entries left out', () => {
    expect(recordSchemaVersions.deliberation).toBe(2);
    const record = session({ photos: [photo], negativeListCaseId: ' case-17 ' });
    expect(record.schemaVersion).toBe(2);
    expect(validateRecord(record)).toBeUndefined();
    expect(record.data).toMatchObject({
      place: '社区议事厅',
      coHosts: ['王法律明白人'],
      participants: [
        { kind: 'residents', count: 18, names: ['张三', '李四'] },
        { kind: 'property_company', count: 2, names: [] },
        { kind: 'others', count: 1, names: [], note: '街道城管' },
      ],
      negativeListCaseId: 'case-17',
      photos: [photo],
    });
  });

  it('refuses an unknown topic or participant kind, an end before the start, and arrays past their bounds', () => {
    const base = session();
    const bad = (data: Record<string, unknown>) => validateRecord(withData(base, { ...base.data, ...data }));
    expect(bad({ topic: 'parking' })).toMatch(/^data\.topic/);
    expect(bad({ participants: [{ kind: 'tourists', count: 1, names: [] }] })).toMatch(/^data\.participants\.0\.kind/);
    expect(bad({ endsAt: '13:00' })).toMatch(/^data\.endsAt: must not be before startsAt/);
    expect(bad({ startsAt: '25:00' })).toMatch(/^data\.startsAt/);
    expect(bad({ photos: Array.from({ length: sessionLimits.photos + 1 }, () => photo) })).toMatch(/^data\.photos/);
    expect(bad({ coHosts: Array.from({ length: sessionLimits.coHosts + 1 }, () => 'x') })).toMatch(/^data\.coHosts/);
    expect(bad({ title: 'x'.repeat(501) })).toMatch(/^data\.title/);
    expect(bad({ legalOpinions: [{ opinion: 'x', citations: Array.from({ length: sessionLimits.citationsPerOpinion + 1 }, () => ({ law: 'l', article: 'a' })) }] })).toMatch(/^data\.legalOpinions\.0\.citations/);
    expect(bad({ extra: 1 })).toMatch(/unknown keys "extra"/);
  });

  it('still accepts a version-1 session as made, and upgrades it to version 2 without changing its hash', () => {
    const v1Data = {
      ...by,
      communityId: 'c-gulou-01',
      heldOn: '2025-06-01',
      place: '活动室',
      hostAdviserId: 'adviser-1',
      topic: '加装电梯费用分摊',
      participants: [{ role: '居民代表', count: 12 }],
      issuesRaised: '低层住户不愿分摊。',
      legalOpinions: '依据民法典第二百七十八条，应由业主共同决定。',
      resolutions: '按楼层系数分摊。',
      followUps: [{ action: '测算分摊方案', owner: '居委会', dueOn: '2025-06-15' }],
    };
    const unhashed = { id: sessionId, kind: 'deliberation' as const, schemaVersion: 1, data: v1Data };
    const v1 = { ...unhashed, hash: recordHash(unhashed) };
    const checked = checkRecord(v1);
    expect(checked.ok).toBe(true);
    if (!checked.ok) return;
    expect(checked.data).toEqual(v1Data);
    expect(checked.current).toMatchObject({
      topic: 'other',
      title: '加装电梯费用分摊',
      coHosts: [],
      participants: [{ kind: 'others', count: 12, names: [], note: '居民代表' }],
      legalOpinions: [{ opinion: '依据民法典第二百七十八条，应由业主共同决定。', citations: [] }],
      photos: [],
    });
    expect(upgradeRecord(v1).hash).toBe(v1.hash);
    // Version 1 as made is checked by the version-1 schema: version-2 fields are refused there.
    expect(validateRecord(withData(v1, { ...v1Data, photos: [] }))).toMatch(/unknown keys "photos"/);
  });

  it('binds each attendee and the host by a signature record to the session hash; a changed session breaks them', () => {
    const record = session();
    const image = new Uint8Array([9, 8, 7]);
    const signers = [
      { signatureId: '0190f5f2-7d1a-7000-8000-00000000b001', signerRole: 'attendee' as const, signerName: ' 张三 ', blobHash: sha256Hex(image), signedAt: by.finalisedAt },
      { signatureId: '0190f5f2-7d1a-7000-8000-00000000b002', signerRole: 'host' as const, blobHash: sha256Hex(image), signedAt: by.finalisedAt },
    ];
    const signatures = signers.map((signer) => sessionSignatureRecord(record, signer, adviser));
    expect(signatures.map((signature) => [signature.data.signerRole, signature.data.signerName, signature.data.signedHash])).toEqual([
      ['attendee', '张三', record.hash],
      ['host', undefined, record.hash],
    ]);
    for (const signature of signatures) expect(verifySignature(signature, record, image)).toBeUndefined();
    const edited = { ...record, data: { ...record.data, resolutions: '不开会了。' } };
    expect(verifySignature(signatures[0]!, edited, image)).toBe('the signed record has changed since it was signed');
  });
});

describe('follow-up records', () => {
  const reportBy = { ...adviser, createdAt: '2026-11-28T02:00:00.000Z', finalisedAt: '2026-11-28T02:00:00.000Z' };

  it('are new records naming the session and its hash; the session is left as signed', () => {
    const record = session();
    const before = structuredClone(record);
    const report = followUpRecord('0190f5f2-7d1a-7000-8000-00000000c001', record, { followUpIndex: 1, status: 'partly', note: ' 已公示一半 ', reportedOn: '2026-11-28', photo }, reportBy);
    expect(report.kind).toBe('deliberation_follow_up');
    expect(validateRecord(report)).toBeUndefined();
    expect(report.data).toMatchObject({ sessionId, sessionHash: record.hash, followUpIndex: 1, status: 'partly', note: '已公示一半', communityId: 'c-gulou-01', photo });
    expect(record).toEqual(before);
    expect(() => followUpRecord('0190f5f2-7d1a-7000-8000-00000000c002', record, { followUpIndex: 2, status: 'done', note: '', reportedOn: '2026-11-28' }, reportBy)).toThrow(/no follow-up action 2/);
    expect(validateRecord(withData(report, { ...report.data, status: 'forgotten' }))).toMatch(/^data\.status/);
  });

  it('stand done only once reported done; otherwise overdue after the due date, due within a week, else open', () => {
    const record = session();
    const lines = (reports: FinalisedRecord[], today: string) => followUpLines([record], reports, today).map((line) => line.standing);
    expect(lines([], '2026-11-20')).toEqual(['open', 'due']);
    expect(lines([], '2026-11-26')).toEqual(['due', 'overdue']);
    const partly = followUpRecord('0190f5f2-7d1a-7000-8000-00000000c003', record, { followUpIndex: 1, status: 'partly', note: '', reportedOn: '2026-11-24' }, reportBy);
    const done = followUpRecord('0190f5f2-7d1a-7000-8000-00000000c004', record, { followUpIndex: 1, status: 'done', note: '已公示', reportedOn: '2026-11-27' }, reportBy);
    expect(lines([partly], '2026-11-26')).toEqual(['due', 'overdue']);
    // The latest report decides, in whatever order they arrive.
    expect(lines([done, partly], '2026-11-30')).toEqual(['due', 'done']);
    expect(followUpLines([record], [done, partly], '2026-11-30')[1]!.latest).toEqual({ status: 'done', note: '已公示', reportedOn: '2026-11-27' });
  });

  it('a follow-up of a record that is not a session cannot be made valid by hand', () => {
    const wrong = finaliseRecord('deliberation_follow_up', '0190f5f2-7d1a-7000-8000-00000000c005', {
      ...reportBy,
      communityId: 'c-gulou-01',
      sessionId: 'not-a-uuid',
      sessionHash: 'f'.repeat(64),
      followUpIndex: sessionLimits.followUps,
      status: 'done',
      note: '',
      reportedOn: '2026-11-28',
    });
    expect(validateRecord(wrong)).toMatch(/data\.sessionId.*data\.followUpIndex|data\.followUpIndex.*data\.sessionId/);
  });
});
