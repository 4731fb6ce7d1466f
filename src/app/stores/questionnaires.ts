import { defineStore } from 'pinia';
import { computed, shallowRef } from 'vue';
import { listReference } from '../db/reference';
import type { Audience } from '../../shared/records';
import { questionnaireDefinitionSchema, type QuestionnaireDefinition } from '../../shared/questionnaire/definition';

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

  /** The newest version for each audience: what a new interview starts with. */
  const latestByAudience = computed(() => {
    const latest = new Map<Audience, QuestionnaireDefinition>();
    for (const definition of definitions.value) {
      const current = latest.get(definition.audience);
      if (!current || definition.version > current.version) latest.set(definition.audience, definition);
    }
    return latest;
  });

  return { definitions, latestByAudience, load };
});
