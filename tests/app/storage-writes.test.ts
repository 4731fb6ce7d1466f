import { describe, expect, it } from 'vitest';
import { appDatabase } from '../../src/app/db/database';
import { deviceId } from '../../src/app/db/device';
import { deleteDraft, putDraft, getDraft } from '../../src/app/db/drafts';
import { saveFinalised } from '../../src/app/db/records';
import { clearSession, loadSession, saveSession } from '../../src/app/db/session';
import { requestPersistence } from '../../src/app/db/storage';
import { visitRecord } from '../helpers/records';
import { workerLogin } from '../helpers/app';

/** The browser closes IndexedDB under memory pressure (iOS); every write in src/app/db reopens it and retries once. */
async function afterTheBrowserClosedIt<T>(write: () => Promise<T>): Promise<T> {
  await appDatabase().open();
  appDatabase().close();
  return write();
}

describe('every device write survives a connection the browser closed', () => {
  it('saves and clears the session', async () => {
    await afterTheBrowserClosedIt(() => saveSession(workerLogin));
    expect((await loadSession())?.token).toBe(workerLogin.token);
    await afterTheBrowserClosedIt(() => clearSession());
    expect(await loadSession()).toBeUndefined();
  });

  it('makes the device id once', async () => {
    const first = await afterTheBrowserClosedIt(() => deviceId());
    expect(await afterTheBrowserClosedIt(() => deviceId())).toBe(first);
  });

  it('keeps drafts and finalised records', async () => {
    const at = new Date().toISOString();
    const draft = { id: 'draft-1', shape: 1 as const, kind: 'response' as const, formId: 'f', formVersion: 1, answers: { a: 1 }, position: 0, context: {}, createdAt: at, updatedAt: at };
    await afterTheBrowserClosedIt(() => putDraft(draft));
    expect((await getDraft('draft-1'))?.answers).toEqual({ a: 1 });
    await afterTheBrowserClosedIt(() => deleteDraft('draft-1'));
    expect(await getDraft('draft-1')).toBeUndefined();
    const record = visitRecord({ id: workerLogin.user.id, communityId: 'yijiangmen-c01' });
    await afterTheBrowserClosedIt(() => saveFinalised([record]));
    expect((await appDatabase().records.get(record.id))?.syncState).toBe('pending');
  });

  it('notes that persistence was asked for', async () => {
    const manager = { persisted: async () => false, persist: async () => true, estimate: async () => ({}) };
    expect(await afterTheBrowserClosedIt(() => requestPersistence(manager))).toBe(true);
    expect(await appDatabase().meta.get('persistenceRequestedAt')).toBeDefined();
  });
});
