import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { appDatabase } from '../../src/app/db/database';
import { getDraft } from '../../src/app/db/drafts';
import { saveSession } from '../../src/app/db/session';
import { useDraftsStore } from '../../src/app/stores/drafts';
import { useInterviewStore } from '../../src/app/stores/interview';
import { useSessionStore } from '../../src/app/stores/session';
import { defaultQuestionnaires } from '../../src/server/demo/templates';
import { assignedHouseholdId, surveyWorkerLogin } from '../helpers/app/survey-seed';
import { eventually } from '../helpers/app/mount';

const elderly = defaultQuestionnaires.find((definition) => definition.audience === 'elderly')!;

async function openNewInterview() {
  await saveSession(surveyWorkerLogin);
  await useSessionStore().restore();
  const id = await useDraftsStore().start({
    household: { id: assignedHouseholdId, communityId: 'yijiangmen-c01', building: '3', unit: '2', room: '401' },
    subdistrictId: 'yijiangmen',
    roundId: '2026-H1',
    definition: structuredClone(elderly),
    consentAt: new Date().toISOString(),
  });
  const interview = useInterviewStore();
  expect(await interview.open(id)).toBe(true);
  return { id, interview };
}

beforeEach(() => setActivePinia(createPinia()));
afterEach(async () => {
  await useInterviewStore().close();
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'visible' });
});

describe('the interview store saves itself', () => {
  it('saves each change to answers, position, stage and text size without being asked', async () => {
    const { id, interview } = await openNewInterview();
    interview.answer('sat_pb_org_service', 'satisfied');
    interview.move(1);
    await eventually(async () => expect(await getDraft(id)).toMatchObject({ answers: { sat_pb_org_service: 'satisfied' }, position: 1 }), { timeout: 5_000 });
    expect(interview.saveState).toBe('saved');
    interview.setElderlyMode(false);
    await eventually(async () => expect((await getDraft(id))?.context).toMatchObject({ elderlyMode: false }), { timeout: 5_000 });
    // A change of step is saved at once, not after the delay.
    await interview.setStage('review');
    expect((await getDraft(id))?.context).toMatchObject({ stage: 'review' });
  });

  it('does not save merely because a draft was opened', async () => {
    const { id, interview } = await openNewInterview();
    const before = await getDraft(id);
    expect(interview.saveState).toBe('idle');
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect((await getDraft(id))?.updatedAt).toBe(before?.updatedAt);
  });

  it('keeps a synchronous copy in the journal when the page is hidden with a change not yet written', async () => {
    const { id, interview } = await openNewInterview();
    interview.answer('sat_pb_org_service', 'fair');
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
    document.dispatchEvent(new Event('visibilitychange'));
    // Written at once, before any asynchronous IndexedDB work could finish.
    const journal = JSON.parse(localStorage.getItem(`gulou-survey:draft-journal:${id}`) ?? '{}') as { answers?: unknown };
    expect(journal.answers).toEqual({ sat_pb_org_service: 'fair' });
    await eventually(async () => expect((await getDraft(id))?.answers).toEqual({ sat_pb_org_service: 'fair' }), { timeout: 5_000 });
  });

  it('stops listening to the page once closed', async () => {
    const { interview } = await openNewInterview();
    await interview.close();
    const put = vi.spyOn(appDatabase().drafts, 'put');
    window.dispatchEvent(new Event('pagehide'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(put).not.toHaveBeenCalled();
    expect(localStorage.length).toBe(0);
  });
});
