import { Blob as NodeBlob } from 'node:buffer';
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import { appDatabase } from '../../src/app/db/database';
import { getDraft } from '../../src/app/db/drafts';
import { pendingBlobs } from '../../src/app/db/outbox';
import { keepDraftBlob } from '../../src/app/db/records';
import { useDeliberationStore } from '../../src/app/stores/deliberation';
import { IncompleteSessionError, useDeliberationSessionStore } from '../../src/app/stores/deliberation-session';
import { sha256Hex } from '../../src/shared/hashing';
import { validateRecord } from '../../src/shared/records';
import { verifySignature } from '../../src/shared/signature';
import { signInAdviser } from '../helpers/app/deliberation-seed';
import { sessionContent } from '../../scripts/harness/deliberation';

/** Node's Blob: fake-indexeddb keeps it as a Blob, as a browser does. */
const png = (text: string) => new NodeBlob([text], { type: 'image/png' }) as unknown as Blob;
const hashOf = (text: string) => sha256Hex(new TextEncoder().encode(text));

beforeEach(async () => {
  setActivePinia(createPinia());
  await signInAdviser();
});

async function startFilled() {
  const editor = useDeliberationSessionStore();
  const id = await editor.start('c-1', new Date('2026-11-20T06:00:00Z'));
  expect(await editor.open(id)).toBe(true);
  const photo = { blobHash: hashOf('room photo'), mediaType: 'image/jpeg' as const, bytes: 10 };
  await keepDraftBlob({ hash: photo.blobHash, blob: new NodeBlob(['room photo'], { type: 'image/jpeg' }) as unknown as Blob });
  editor.edit(sessionContent({ photos: [photo] }));
  await editor.flush();
  return { editor, id, photo };
}

describe('session draft store', () => {
  it('starts a draft with nothing chosen and saves what is typed, so a reload resumes it', async () => {
    const editor = useDeliberationSessionStore();
    const id = await editor.start('c-1', new Date('2026-11-20T06:00:00Z'));
    await editor.open(id);
    expect(editor.content).toMatchObject({ topic: '', title: '', participants: [] });
    expect(editor.missing).toEqual(['starts_at', 'ends_at', 'place', 'topic', 'title', 'participants']);
    editor.edit({ ...editor.content!, title: '充电桩安装' });
    await editor.close();
    setActivePinia(createPinia());
    const reopened = useDeliberationSessionStore();
    expect(await reopened.open(id)).toBe(true);
    expect(reopened.content?.title).toBe('充电桩安装');
    await expect(reopened.beginSigning()).rejects.toBeInstanceOf(IncompleteSessionError);
  });

  it('freezes the session for signing; each signature binds its image to the frozen hash; the draft keeps them across a reload', async () => {
    const { editor, id } = await startFilled();
    await editor.beginSigning(new Date('2026-11-20T07:40:00Z'));
    const frozen = editor.context!.frozen!;
    expect(validateRecord(frozen)).toBeUndefined();
    // Frozen: edits no longer reach the content being signed.
    editor.edit(sessionContent({ title: '改过的议题' }));
    expect(editor.content!.title).toBe('小区物业费调整');
    await editor.sign(png('sig-1'), { role: 'attendee', name: '张三' });
    await editor.sign(png('sig-2'), { role: 'attendee' });
    await editor.close();
    const stored = await getDraft(id);
    expect(stored!.context).toMatchObject({ stage: 'sign', frozen: { hash: frozen.hash } });
    expect((stored!.context.signers as Array<{ blobHash: string }>).map((signer) => signer.blobHash)).toEqual([hashOf('sig-1'), hashOf('sig-2')]);
    // The images wait as draft blobs: nothing is sent before the session is finalised.
    expect(await pendingBlobs()).toEqual([]);
  });

  it('finalises only with the host signed, in one write: session, signatures, images and photos queued, draft gone', async () => {
    const { editor, id, photo } = await startFilled();
    await editor.beginSigning(new Date('2026-11-20T07:40:00Z'));
    for (const name of ['张三', '李四', '王五']) await editor.sign(png(`sig-${name}`), { role: 'attendee', name });
    await expect(editor.finalise()).rejects.toThrow(/host/);
    await editor.sign(png('sig-host'), { role: 'host' });
    const sessionId = await editor.finalise();
    expect(sessionId).toBe(id);
    expect(await getDraft(id)).toBeUndefined();
    const records = await appDatabase().records.toArray();
    const session = records.find((record) => record.kind === 'deliberation')!;
    const signatures = records.filter((record) => record.kind === 'signature');
    expect(signatures.map((signature) => [signature.data.signerRole, signature.data.signerName ?? null])).toEqual([
      ['attendee', '张三'],
      ['attendee', '李四'],
      ['attendee', '王五'],
      ['host', null],
    ]);
    signatures.forEach((signature, index) => {
      const image = new TextEncoder().encode(`sig-${['张三', '李四', '王五', 'host'][index]}`);
      expect(verifySignature(signature, session, image)).toBeUndefined();
    });
    expect(records.every((record) => record.syncState === 'pending')).toBe(true);
    expect((await pendingBlobs()).map((blob) => blob.hash).sort()).toEqual([photo.blobHash, ...['张三', '李四', '王五', 'host'].map((name) => hashOf(`sig-${name}`))].sort());
    const list = useDeliberationStore();
    await list.load();
    expect(list.rows.map((row) => [row.title, row.attendees, row.syncState])).toEqual([['小区物业费调整', 21, 'pending']]);
    expect(list.filtered({ communityId: '', topic: 'ev_charging', month: '' })).toEqual([]);
    expect(list.filtered({ communityId: 'c-1', topic: 'property_management', month: '2026-11' })).toHaveLength(1);
    expect(list.filtered({ communityId: '', topic: '', month: '2026-10' })).toEqual([]);
  });

  it('going back to editing drops the signatures taken, which were for the frozen content', async () => {
    const { editor } = await startFilled();
    await editor.beginSigning();
    await editor.sign(png('sig-x'), { role: 'attendee' });
    await editor.backToEditing();
    expect(editor.context).toMatchObject({ stage: 'edit', signers: [] });
    expect(editor.context!.frozen).toBeUndefined();
  });

  it('discarding a draft removes its photos and signature images from the device, unless another draft or a saved session names them', async () => {
    const keepPhoto = async (name: string) => {
      const blob = new NodeBlob([name], { type: 'image/jpeg' }) as unknown as Blob;
      await keepDraftBlob({ hash: hashOf(name), blob });
      return { blobHash: hashOf(name), mediaType: 'image/jpeg' as const, bytes: name.length };
    };
    // A saved session whose photo is also in the draft being discarded.
    const saved = await startFilled();
    await saved.editor.beginSigning();
    await saved.editor.sign(png('saved host'), { role: 'host' });
    await saved.editor.finalise();

    const editor = useDeliberationSessionStore();
    const [own, shared] = [await keepPhoto('own photo'), await keepPhoto('shared photo')];
    const discarded = await editor.start('c-1');
    await editor.open(discarded);
    editor.edit(sessionContent({ photos: [own, shared, saved.photo] }));
    await editor.beginSigning();
    await editor.sign(png('sig-discarded'), { role: 'attendee', name: '张三' });
    await editor.close();
    const other = await editor.start('c-1');
    await editor.open(other);
    editor.edit(sessionContent({ photos: [shared] }));
    await editor.close();

    const list = useDeliberationStore();
    await list.load();
    const stored = async () => (await appDatabase().blobs.toArray()).map((blob) => blob.hash);
    expect(await stored()).toEqual(expect.arrayContaining([own.blobHash, shared.blobHash, hashOf('sig-discarded')]));
    await list.discardDraft(discarded);
    expect(await getDraft(discarded)).toBeUndefined();
    const afterFirst = await stored();
    expect(afterFirst).not.toContain(own.blobHash);
    expect(afterFirst).not.toContain(hashOf('sig-discarded'));
    expect(afterFirst).toEqual(expect.arrayContaining([shared.blobHash, saved.photo.blobHash, hashOf('saved host')]));
    expect(list.drafts.map((draft) => draft.id)).toEqual([other]);

    await list.discardDraft(other);
    expect(await stored()).not.toContain(shared.blobHash);
    expect((await pendingBlobs()).map((blob) => blob.hash).sort()).toEqual([saved.photo.blobHash, hashOf('saved host')].sort());
  });
});
