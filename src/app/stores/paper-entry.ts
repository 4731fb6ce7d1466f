import { defineStore } from 'pinia';
import { v7 as uuidv7 } from 'uuid';
import { ref, shallowRef } from 'vue';
import { currentRound, localDay, roundCollects } from '../../shared/fieldwork/rounds';
import { communitySchema, roundSchema, type Community, type Round } from '../../shared/organisation';
import type { QuestionnaireDefinition } from '../../shared/questionnaire/definition';
import type { Answers } from '../../shared/questionnaire/form';
import { buildResponseData } from '../../shared/questionnaire/response';
import { finaliseRecord } from '../../shared/records';
import { deviceId } from '../db/device';
import { saveFinalised } from '../db/records';
import { listReference } from '../db/reference';
import { useQuestionnairesStore } from './questionnaires';
import { useSessionStore } from './session';

/**
 * Paper questionnaires typed in at the office: responses with channel `paper`,
 * made by the same form engine and saved like every other finalised record, so that the outbox
 * pushes them at the next sync. The round and the questionnaire versions come from the pull.
 */
export const usePaperEntryStore = defineStore('paper-entry', () => {
  const communities = shallowRef<Community[]>([]);
  const round = shallowRef<Round | undefined>(undefined);
  const loaded = ref(false);
  /** Responses saved since the page opened. */
  const saved = ref(0);

  async function load(now: Date = new Date()): Promise<void> {
    const [communityRefs, roundRefs] = await Promise.all([listReference('community'), listReference('round'), useQuestionnairesStore().load()]);
    communities.value = communityRefs.flatMap((entry) => {
      const parsed = communitySchema.safeParse(entry.data);
      return parsed.success ? [parsed.data] : [];
    });
    const rounds = roundRefs.flatMap((entry) => {
      const parsed = roundSchema.safeParse(entry.data);
      return parsed.success ? [parsed.data] : [];
    });
    // Paper forms are entered into a round that still collects, never into a closed one.
    round.value = currentRound(rounds.filter(roundCollects), localDay(now));
    loaded.value = true;
  }

  /** The questionnaires the round uses, by audience. */
  function questionnaires(): Map<QuestionnaireDefinition['audience'], QuestionnaireDefinition> {
    return useQuestionnairesStore().forRound(round.value);
  }

  /** Finalises one paper questionnaire; refuses (IncompleteResponseError) answers that do not pass its checks. */
  async function save(definition: QuestionnaireDefinition, community: Community, answers: Answers, startedAt: Date, now: Date = new Date()): Promise<string> {
    const user = useSessionStore().user;
    if (!user || !round.value) throw new Error('not signed in or no open round');
    const data = buildResponseData(definition, answers, {
      communityId: community.id,
      subdistrictId: community.subdistrictId,
      roundId: round.value.id,
      channel: 'paper',
      authorId: user.id,
      deviceId: await deviceId(),
      createdAt: startedAt.toISOString(),
      finalisedAt: now.toISOString(),
    });
    const record = finaliseRecord('response', uuidv7(), data);
    await saveFinalised([record]);
    saved.value += 1;
    return record.id;
  }

  return { communities, round, loaded, saved, load, questionnaires, save };
});
