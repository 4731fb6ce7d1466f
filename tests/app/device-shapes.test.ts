import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import { appDatabase, type StoredDraft } from '../../src/app/db/database';
import { z } from 'zod/mini';
import { getDraft, listDrafts } from '../../src/app/db/drafts';
import { answeredElsewhere, readOnlineState } from '../../src/app/db/online';
import { draftVersions, readDraft } from '../../src/app/db/shapes/draft';
import { onlineStateVersions, readOnlineStateShape } from '../../src/app/db/shapes/online-state';
import type { ShapeVersion } from '../../src/app/db/shapes/versioned';
import { useDeliberationStore } from '../../src/app/stores/deliberation';
import { useDeliberationSessionStore } from '../../src/app/stores/deliberation-session';
import { useDraftsStore } from '../../src/app/stores/drafts';
import { useInterviewStore } from '../../src/app/stores/interview';
import { validateRecord, type FinalisedRecord } from '../../src/shared/records';
import { signInAdviser } from '../helpers/app/deliberation-seed';
import interviewDraft from '../fixtures/device/interview-draft.json';
import interviewJournal from '../fixtures/device/interview-draft-journal.json';
import editingSession from '../fixtures/device/deliberation-draft-editing.json';
import signingSession from '../fixtures/device/deliberation-draft-signing.json';
import onlineAnswering from '../fixtures/device/online-state-answering.json';
import onlinePending from '../fixtures/device/online-state-pending.json';
import onlineSent from '../fixtures/device/online-state-sent.json';

// What a phone holds from the release before, exactly as that release wrote it (see the fixtures' README).
const asStored = (fixture: unknown) => structuredClone(fixture) as StoredDraft;

beforeEach(() => setActivePinia(createPinia()));

describe('drafts kept by the previous release', () => {
  it('a questionnaire in review reopens where it was, with the answers its journal kept after the last write', async () => {
    await appDatabase().drafts.put(asStored(interviewDraft));
    localStorage.setItem(interviewJournal.key, interviewJournal.value);

    const drafts = useDraftsStore();
    await drafts.load();
    expect(drafts.drafts.map((draft) => [draft.id, draft.answered])).toEqual([[interviewDraft.id, 2]]);

    const interview = useInterviewStore();
    expect(await interview.open(interviewDraft.id)).toBe(true);
    expect(interview.answers).toEqual({ sat_pb_org_service: 'satisfied', sat_env: 'fair' });
    expect(interview.position).toBe(2);
    expect(interview.context).toMatchObject({ householdId: interviewDraft.context.householdId, stage: 'review', definition: { id: 'resident-elderly', version: 1 } });
    await interview.close();
  });

  it('a session being written reopens with its content and photo, and is listed', async () => {
    await signInAdviser();
    await appDatabase().drafts.put(asStored(editingSession));
    const editor = useDeliberationSessionStore();
    expect(await editor.open(editingSession.id)).toBe(true);
    expect(editor.context).toMatchObject({ communityId: 'c-1', stage: 'edit', signers: [] });
    expect(editor.content).toMatchObject({ title: editingSession.answers.title, photos: editingSession.answers.photos });
    await editor.close();
    const list = useDeliberationStore();
    await list.load();
    expect(list.drafts.map((draft) => [draft.id, draft.signing])).toEqual([[editingSession.id, false]]);
  });

  it('a session frozen for signing reopens frozen, its record still valid and its signature kept', async () => {
    await signInAdviser();
    await appDatabase().drafts.put(asStored(signingSession));
    const editor = useDeliberationSessionStore();
    expect(await editor.open(signingSession.id)).toBe(true);
    const frozen = editor.context!.frozen as FinalisedRecord;
    expect(frozen.hash).toBe(signingSession.context.frozen.hash);
    expect(validateRecord(frozen)).toBeUndefined();
    expect(editor.context!.signers.map((signer) => signer.signerName)).toEqual(['张三']);
    await editor.close();
  });
});

describe('the resident page’s state kept by the previous release', () => {
  const roundId = '2026-H1';
  const communityId = 'yijiangmen-c01';
  const kept = (fixture: { value: string }) => {
    const { version: _version, ...state } = JSON.parse(fixture.value) as Record<string, unknown>;
    return state;
  };

  it.each([
    ['answering', onlineAnswering],
    ['waiting to be sent', onlinePending],
    ['sent', onlineSent],
  ])('is read back whole while %s', (_stage, fixture) => {
    localStorage.setItem(fixture.key, fixture.value);
    expect(readOnlineState(roundId, communityId)).toMatchObject(kept(fixture));
  });

  it('still tells another community’s page that this phone has answered for the round', () => {
    localStorage.setItem(onlineSent.key, onlineSent.value);
    expect(answeredElsewhere(roundId, 'yijiangmen-c02')).toMatchObject({ communityId });
  });
});

/** A throwaway next version of a kept shape: it adds one field, which the older version lacked. */
function withVersion2(versions: readonly ShapeVersion[], tag: string): ShapeVersion[] {
  const current = versions[versions.length - 1]!.schema;
  const schema = z.object({ ...current.def.shape, [tag]: z.literal(2), openedBy: z.string() });
  return [...versions, { schema, up: (previous) => ({ ...previous, openedBy: 'upgrade' }) }];
}

describe('kept shapes after a release that changes them', () => {
  it('a draft and its journal, kept by the release before, are read upgraded by the next version’s up()', () => {
    const versions = withVersion2(draftVersions, 'shape');
    expect(readDraft(structuredClone(interviewDraft), versions)).toEqual({ ...interviewDraft, shape: 2, openedBy: 'upgrade' });
    expect(readDraft(JSON.parse(interviewJournal.value), versions)).toMatchObject({ id: interviewDraft.id, shape: 2, position: 2, openedBy: 'upgrade' });
  });

  it('the resident page’s state, kept by the release before, is read upgraded by the next version’s up()', () => {
    const versions = withVersion2(onlineStateVersions, 'version');
    expect(readOnlineStateShape(JSON.parse(onlinePending.value), versions)).toEqual({ ...JSON.parse(onlinePending.value), version: 2, openedBy: 'upgrade' });
  });

  it('a draft of a shape no release of this app wrote (a newer app’s) is left alone, not misread', async () => {
    await appDatabase().drafts.put({ ...asStored(interviewDraft), shape: 9 as 1 });
    expect(await getDraft(interviewDraft.id)).toBeUndefined();
    expect(await listDrafts('response')).toEqual([]);
    expect(await appDatabase().drafts.count()).toBe(1);
  });

  it('answers waiting for the network survive a kept page that no longer reads: only the page is dropped, to be loaded again', () => {
    const kept = JSON.parse(onlinePending.value) as Record<string, unknown>;
    localStorage.setItem(onlinePending.key, JSON.stringify({ ...kept, survey: { ...(kept.survey as object), questionnaires: 'not a list' } }));
    const read = readOnlineState('2026-H1', 'yijiangmen-c01');
    expect(read.survey).toBeUndefined();
    expect(read).toMatchObject({ draft: kept.draft, pending: kept.pending });
  });
});
