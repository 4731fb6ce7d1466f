import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appDatabase } from '../../src/app/db/database';
import { applyPulledChanges } from '../../src/app/db/pulled';
import { saveSession } from '../../src/app/db/session';
import { useDraftsStore } from '../../src/app/stores/drafts';
import { useFieldworkStore } from '../../src/app/stores/fieldwork';
import { useInterviewStore } from '../../src/app/stores/interview';
import { useQuestionnairesStore } from '../../src/app/stores/questionnaires';
import { useSessionStore } from '../../src/app/stores/session';
import { questionnaireKey, type QuestionnaireDefinition } from '../../src/shared/questionnaire/definition';
import { defaultQuestionnaires } from '../../src/server/demo/templates';
import { fullElderlyAnswers } from '../../scripts/harness/records';
import { assignedHouseholdId, referenceData, roundId, seedReference, surveyWorkerLogin } from '../helpers/app/survey-seed';

const elderlyV1 = defaultQuestionnaires.find((q) => q.id === 'resident-elderly')!;
const elderlyV2: QuestionnaireDefinition = {
  ...structuredClone(elderlyV1),
  version: 2,
  title: { zh: '老年居民满意度问卷（第二版）', en: 'Elderly residents, second edition' },
  // Version 2 drops the comment on "other": a draft of version 1 must still ask it.
  items: elderlyV1.items.filter((item) => item.id !== 'concerns_other'),
};
const household = { id: assignedHouseholdId, communityId: 'yijiangmen-c01', building: '3', unit: '2', room: '401' };
const round = (keys: string[]) => ({ id: roundId, startsOn: '2026-01-01', endsOn: '2026-06-30', state: 'open', questionnaires: keys });

/** Opens the questionnaire stores afresh, as after a reload. */
async function reload() {
  setActivePinia(createPinia());
  await useSessionStore().restore();
  const fieldwork = useFieldworkStore();
  const questionnaires = useQuestionnairesStore();
  await Promise.all([fieldwork.load(), questionnaires.load()]);
  return { fieldwork, questionnaires };
}

beforeEach(async () => {
  await saveSession(surveyWorkerLogin);
  const seeded = referenceData().map((entry) => (entry.kind === 'round' ? { ...entry, data: round(['resident-elderly@1']) } : entry));
  await seedReference(seeded);
});
afterEach(() => useInterviewStore().close());

describe('questionnaire versions on the device', () => {
  it('finishes a draft on the version it started with after a newer version was pulled, and starts new interviews on the round’s version', async () => {
    const before = await reload();
    const started = before.questionnaires.forRound(before.fieldwork.round).get('elderly');
    expect(started?.version).toBe(1);
    const draftId = await useDraftsStore().start({ household, subdistrictId: 'yijiangmen', roundId, definition: started!, consentAt: new Date().toISOString() });

    // The office publishes version 2 into the round; the device pulls it.
    await applyPulledChanges(
      [
        { seq: 101, kind: 'questionnaire', id: questionnaireKey(elderlyV2), data: structuredClone(elderlyV2) as unknown as Record<string, unknown>, deleted: false },
        { seq: 102, kind: 'round', id: roundId, data: round(['resident-elderly@2']), deleted: false },
      ],
      '102',
    );

    const after = await reload();
    expect(after.questionnaires.definitions.map(questionnaireKey).sort()).toContain('resident-elderly@1');
    expect(after.questionnaires.forRound(after.fieldwork.round).get('elderly')).toEqual(elderlyV2);

    const interview = useInterviewStore();
    expect(await interview.open(draftId)).toBe(true);
    expect(interview.context?.definition.version).toBe(1);
    // The item version 2 dropped is still asked, and required, in this draft.
    expect(interview.items.map((item) => item.id)).toContain('concerns_other');
    for (const [itemId, value] of Object.entries(fullElderlyAnswers(1))) interview.answer(itemId, value);
    await interview.finalise({ declinedReason: '不识字' });

    const response = (await appDatabase().records.where('kind').equals('response').toArray())[0];
    expect(response?.data).toMatchObject({ questionnaireId: 'resident-elderly', questionnaireVersion: 1 });
    expect(response?.data.answers).toHaveProperty('concerns_other');

    const next = await useDraftsStore().start({ household, subdistrictId: 'yijiangmen', roundId, definition: after.questionnaires.forRound(after.fieldwork.round).get('elderly')!, consentAt: new Date().toISOString() });
    expect(await appDatabase().drafts.get(next)).toMatchObject({ formId: 'resident-elderly', formVersion: 2 });
  });

  it('keeps to the round’s version even when a newer one is held, and uses the newest for an audience the round names none for', async () => {
    await applyPulledChanges([{ seq: 101, kind: 'questionnaire', id: questionnaireKey(elderlyV2), data: structuredClone(elderlyV2) as unknown as Record<string, unknown>, deleted: false }], '101');
    const { fieldwork, questionnaires } = await reload();
    const chosen = questionnaires.forRound(fieldwork.round);
    expect(chosen.get('elderly')?.version).toBe(1);
    expect(chosen.get('adult')?.id).toBe('resident-adult');
  });
});
