import { Blob as NodeBlob } from 'node:buffer';
import { describe, expect, it } from 'vitest';
import { pendingBlobs, unsentRecordsWithBlobs } from '../../src/app/db/outbox';
import { keepDraftBlob, saveFinalised } from '../../src/app/db/records';
import { sha256Hex } from '../../src/shared/hashing';
import { finaliseRecord } from '../../src/shared/records';

/** Node's Blob: fake-indexeddb keeps it as a Blob, as a browser does. */
const image = (text: string) => ({ hash: sha256Hex(new TextEncoder().encode(text)), blob: new NodeBlob([text], { type: 'image/jpeg' }) as unknown as Blob });
const photoOf = ({ hash, blob }: { hash: string; blob: Blob }) => ({ blobHash: hash, mediaType: 'image/jpeg' as const, bytes: blob.size });
const made = { authorId: 'officer-1', deviceId: 'device-a', createdAt: '2026-03-02T09:00:00.000Z', finalisedAt: '2026-03-02T09:10:00.000Z' };
const caseId = '0190f0a0-0000-7000-8000-0000000000ca';

describe('the blobs finalised records bind', () => {
  it('are queued for upload with their record, even when kept for the draft and not handed over again', async () => {
    const before = image('before the clean-up');
    const after = image('after the clean-up');
    const other = image('another draft’s photo');
    for (const kept of [before, after, other]) await keepDraftBlob(kept);
    const report = finaliseRecord('case_report', '0190f0a0-0000-7000-8000-0000000000c1', {
      ...made,
      communityId: 'c-1',
      caseId,
      action: 'report_fixed',
      note: '已清运',
      photos: [photoOf(before), photoOf(after)],
    });
    await saveFinalised([report], [after]);
    expect((await pendingBlobs()).map((blob) => blob.hash).sort()).toEqual([before.hash, after.hash].sort());
  });

  it('travel with the unsent records in an export: a signature’s image, a session’s photos, a follow-up’s photo', async () => {
    const signatureImage = image('signature');
    const sessionPhoto = image('session photo');
    const followUpPhoto = image('follow-up photo');
    const session = finaliseRecord('deliberation', '0190f0a0-0000-7000-8000-0000000000d1', {
      ...made,
      communityId: 'c-1',
      heldOn: '2026-03-02',
      place: '活动室',
      hostAdviserId: 'adviser-1',
      coHosts: [],
      topic: 'property_management',
      title: '小区物业费调整',
      participants: [],
      issuesRaised: '',
      legalOpinions: [],
      resolutions: '',
      followUps: [{ action: '公示', owner: '居委会', dueOn: '2026-03-20' }],
      photos: [photoOf(sessionPhoto)],
    });
    const signature = finaliseRecord('signature', '0190f0a0-0000-7000-8000-0000000000d2', {
      ...made,
      communityId: 'c-1',
      signedRecordId: session.id,
      signedRecordKind: 'deliberation',
      signedHash: session.hash,
      signedAt: made.finalisedAt,
      signerRole: 'host',
      blobHash: signatureImage.hash,
    });
    const followUp = finaliseRecord('deliberation_follow_up', '0190f0a0-0000-7000-8000-0000000000d3', {
      ...made,
      communityId: 'c-1',
      sessionId: session.id,
      sessionHash: session.hash,
      followUpIndex: 0,
      status: 'done',
      note: '已公示',
      reportedOn: '2026-03-10',
      photo: photoOf(followUpPhoto),
    });
    await saveFinalised([session, signature], [sessionPhoto, signatureImage]);
    await saveFinalised([followUp], [followUpPhoto]);
    await keepDraftBlob(image('a photo only a draft names'));

    const { records, blobs } = await unsentRecordsWithBlobs();
    expect(records.map((record) => record.id)).toEqual([session.id, signature.id, followUp.id]);
    expect(blobs.map((blob) => blob.hash).sort()).toEqual([signatureImage.hash, sessionPhoto.hash, followUpPhoto.hash].sort());
  });
});
