import { appDatabase, type StoredReference } from '../../src/app/db/database';
import { questionnaireKey } from '../../src/shared/questionnaire/definition';
import { defaultQuestionnaires } from '../../src/server/demo/templates';
import type { LoginResponse } from '../../src/shared/auth';
import { workerLogin } from './app';

export const roundId = '2026-H1';
export const assignedHouseholdId = '0190f0a0-0000-7000-8000-00000000a001';

/** The demo worker with both of its communities. */
export const surveyWorkerLogin: LoginResponse = {
  ...workerLogin,
  user: { ...workerLogin.user, scope: { level: 'community', ids: ['yijiangmen-c01', 'yijiangmen-c02'] } },
};

/** What the pull stores after sign-in: the organisation, the round, questionnaires, quotas and assignments. */
export function referenceData(): StoredReference[] {
  return [
    { kind: 'community', id: 'yijiangmen-c01', data: { id: 'yijiangmen-c01', subdistrictId: 'yijiangmen', nameZh: '挹江门示例第01社区', nameEn: 'Yijiangmen Sample Community 01' } },
    { kind: 'community', id: 'yijiangmen-c02', data: { id: 'yijiangmen-c02', subdistrictId: 'yijiangmen', nameZh: '挹江门示例第02社区', nameEn: 'Yijiangmen Sample Community 02' } },
    { kind: 'round', id: roundId, data: { id: roundId, startsOn: '2026-01-01', endsOn: '2026-06-30' } },
    ...defaultQuestionnaires.map((definition) => ({ kind: 'questionnaire', id: questionnaireKey(definition), data: structuredClone(definition) as unknown as Record<string, unknown> })),
    ...(['elderly', 'adult', 'work_unit'] as const).map((audience) => ({
      kind: 'quota',
      id: `${roundId}:yijiangmen-c01:${audience}`,
      data: { roundId, communityId: 'yijiangmen-c01', audience, target: audience === 'work_unit' ? 2 : 10 },
    })),
    {
      kind: 'assignment',
      id: assignedHouseholdId,
      data: { id: assignedHouseholdId, communityId: 'yijiangmen-c01', roundId, building: '3', unit: '2', room: '401', assignedTo: surveyWorkerLogin.user.id },
    },
  ];
}

/** Puts pulled reference data on the device as the sync pull would. */
export async function seedReference(entries: StoredReference[] = referenceData()): Promise<void> {
  await appDatabase().reference.bulkPut(entries);
}
