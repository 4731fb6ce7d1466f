import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { QuestionItem, QuestionnaireDefinition } from '../../shared/questionnaire/definition';
import { blankItem, definitionIssues, withEnglishFallback } from '../../shared/questionnaire/editing';
import type { Audience } from '../../shared/records';
import type { QuestionnaireVersionSummary } from '../../shared/questionnaire/versions';
import type { RoundSummary } from '../../shared/rounds/api';
import {
  fetchQuestionnaireVersion,
  fetchQuestionnaireVersions,
  fetchQuestionnaireXlsx,
  importQuestionnaireXlsx,
  publishQuestionnaireVersion,
  saveQuestionnaireDraft,
} from '../api/questionnaires';
import { fetchRounds } from '../api/scores';
import { useSessionStore } from './session';

/**
 * The administrator's questionnaire versions and the one being edited. A published version is
 * never edited: opening it starts the next version from a copy. The copy is plain data that the
 * editor replaces item by item; nothing reaches the server before "save".
 */
export const useQuestionnaireEditorStore = defineStore('questionnaire-editor', () => {
  const versions = ref<QuestionnaireVersionSummary[]>([]);
  const rounds = ref<RoundSummary[]>([]);
  // Shallow: every edit replaces the definition, which is sent and previewed as plain data.
  const definition = shallowRef<QuestionnaireDefinition | undefined>(undefined);
  /** The stored state of the version being edited: undefined until its draft is first saved. */
  const saved = shallowRef<QuestionnaireVersionSummary | undefined>(undefined);
  const dirty = ref(false);

  const issues = computed(() => (definition.value ? definitionIssues(definition.value) : []));

  const token = (): string => useSessionStore().signedInToken();

  function nextVersion(questionnaireId: string): number {
    return Math.max(0, ...versions.value.filter((v) => v.questionnaireId === questionnaireId).map((v) => v.version)) + 1;
  }

  async function loadVersions(): Promise<void> {
    [versions.value, rounds.value] = await Promise.all([fetchQuestionnaireVersions(token()), fetchRounds(token())]);
  }

  function start(next: QuestionnaireDefinition, summary: QuestionnaireVersionSummary | undefined): void {
    definition.value = next;
    saved.value = summary;
    dirty.value = false;
  }

  /** A draft is edited as it is; a published version becomes the start of the next version. */
  async function open(questionnaireId: string, version: number): Promise<void> {
    const detail = await fetchQuestionnaireVersion(questionnaireId, version, token());
    if (detail.summary.state === 'draft') start(detail.definition, detail.summary);
    else start({ ...detail.definition, version: nextVersion(questionnaireId) }, undefined);
  }

  /** Version 1 of a new questionnaire: its id and audience as the administrator chose them, one blank question. */
  function startNew(id: string, audience: Audience): void {
    start({ id, version: 1, audience, title: { zh: '', en: '' }, items: [blankItem('satisfaction', [])] }, undefined);
    dirty.value = true;
  }

  /** A file read by the server becomes the next version of its questionnaire (or version 1 of a new one). */
  async function importFile(file: Blob): Promise<void> {
    const imported = await importQuestionnaireXlsx(file, token());
    start({ ...imported, version: nextVersion(imported.id) }, undefined);
    dirty.value = true;
  }

  function update(change: Partial<QuestionnaireDefinition>): void {
    if (!definition.value) return;
    // An edit after publishing starts the next version: the published one stays as it is.
    const restart = saved.value?.state === 'published' ? { version: nextVersion(definition.value.id) } : {};
    if (saved.value?.state === 'published') saved.value = undefined;
    definition.value = { ...definition.value, ...change, ...restart };
    dirty.value = true;
  }

  function updateItem(index: number, item: QuestionItem): void {
    if (!definition.value) return;
    update({ items: definition.value.items.map((existing, i) => (i === index ? item : existing)) });
  }

  function setItems(items: QuestionItem[]): void {
    update({ items });
  }

  /** Saves the draft version (English filled in from Chinese where it was left empty). */
  async function save(): Promise<QuestionnaireVersionSummary> {
    if (!definition.value) throw new Error('no questionnaire open');
    const summary = await saveQuestionnaireDraft(withEnglishFallback(definition.value), token());
    saved.value = summary;
    dirty.value = false;
    await loadVersions();
    return summary;
  }

  /** Saves what is pending, then publishes the version, into `roundId` when given. */
  async function publish(roundId: string | undefined): Promise<QuestionnaireVersionSummary> {
    if (!definition.value) throw new Error('no questionnaire open');
    if (dirty.value || !saved.value) await save();
    const summary = await publishQuestionnaireVersion(definition.value.id, definition.value.version, roundId, token());
    saved.value = summary;
    await loadVersions();
    return summary;
  }

  function exportFile(questionnaireId: string, version: number): Promise<Blob> {
    return fetchQuestionnaireXlsx(questionnaireId, version, token());
  }

  return { versions, rounds, definition, saved, dirty, issues, loadVersions, open, startNew, importFile, update, updateItem, setItems, save, publish, exportFile };
});
