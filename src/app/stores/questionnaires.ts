import { defineStore } from 'pinia';
import { shallowRef } from 'vue';
import { listReference } from '../db/reference';
import type { Audience } from '../../shared/records';
import type { Round } from '../../shared/organisation';
import { questionnaireDefinitionSchema, type QuestionnaireDefinition } from '../../shared/questionnaire/definition';
import { questionnairesForRound } from '../../shared/questionnaire/versions';

/** The published questionnaires pulled to this device. */
export const useQuestionnairesStore = defineStore('questionnaires', () => {
  // Shallow: definitions are copied into drafts, which must store plain data, not reactive proxies.
  const definitions = shallowRef<QuestionnaireDefinition[]>([]);

  async function load(): Promise<void> {
    const stored = await listReference('questionnaire');
    // A definition this version of the app cannot read is left out rather than breaking the list.
    definitions.value = stored.flatMap((entry) => {
      const parsed = questionnaireDefinitionSchema.safeParse(entry.data);
      return parsed.success ? [parsed.data] : [];
    });
  }

  /** What a new interview of the round starts with, per audience: the version the round names. */
  function forRound(round: Round | undefined): Map<Audience, QuestionnaireDefinition> {
    return questionnairesForRound(definitions.value, round?.questionnaires);
  }

  return { definitions, forRound, load };
});
