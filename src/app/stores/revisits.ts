import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { v7 as uuidv7 } from 'uuid';
import { revisitTaskSchema, type RevisitTask } from '../../shared/cases/api';
import { pendingRevisits, revisitData, type RevisitAnswer } from '../../shared/cases/revisit';
import { finaliseRecord, type RecordData } from '../../shared/records';
import { deviceId } from '../db/device';
import { allRecords, saveFinalised } from '../db/records';
import { listReference } from '../db/reference';
import { useSessionStore } from './session';

/** Re-visit tasks pulled for the worker's communities, and the residents' answers recorded offline. */
export const useRevisitsStore = defineStore('revisits', () => {
  const tasks = ref<RevisitTask[]>([]);
  const answers = ref<RecordData<'revisit'>[]>([]);
  const loaded = ref(false);
  const pending = computed(() => pendingRevisits(tasks.value, answers.value));

  async function load(): Promise<void> {
    const [pulled, records] = await Promise.all([listReference('revisit_task'), allRecords('revisit')]);
    tasks.value = pulled.flatMap((row) => {
      const parsed = revisitTaskSchema.safeParse(row.data);
      return parsed.success ? [parsed.data] : [];
    });
    answers.value = records.map((record) => record.data as RecordData<'revisit'>);
    loaded.value = true;
  }

  function task(id: string): RevisitTask | undefined {
    return tasks.value.find((candidate) => candidate.id === id);
  }

  /** Finalises the residents' answer as a revisit record, queued for sync with the others. */
  async function record(taskId: string, answer: RevisitAnswer, startedAt: Date, now: Date = new Date()): Promise<void> {
    const found = task(taskId);
    const user = useSessionStore().user;
    if (!found || !user) throw new Error(`no re-visit task ${taskId}`);
    const data = revisitData(found, answer, { authorId: user.id, deviceId: await deviceId() }, startedAt, now);
    await saveFinalised([finaliseRecord('revisit', uuidv7(), data)]);
    await load();
  }

  return { tasks, pending, loaded, load, task, record };
});
