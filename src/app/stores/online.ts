import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import { v7 as uuidv7 } from 'uuid';
import { ApiError } from '../api/http';
import { fetchOnlineSurvey, submitOnlineResponse } from '../api/online';
import { answeredElsewhere, onlineDeviceToken, readOnlineState, writeOnlineState, type OnlineDraft } from '../db/online';
import type { OnlineSubmission, OnlineSurvey } from '../../shared/online';
import { itemsForSubdistrict } from '../../shared/questionnaire/definition';
import type { AnswerValue } from '../../shared/questionnaire/form';
import { keptAnswers } from '../../shared/questionnaire/logic';
import type { Audience } from '../../shared/records';
import { backoffDelay } from '../sync/backoff';

/**
 * Where the resident is: opening the link, choosing who answers, answering, sending (or waiting for
 * the network with the answers kept on the phone), and the end pages.
 */
export type OnlinePhase = 'loading' | 'offline' | 'unavailable' | 'closed' | 'choose' | 'answering' | 'sending' | 'waiting' | 'thanks' | 'already';

/** The resident's online questionnaire for one round and community (the /q/… page). */
export const useOnlineStore = defineStore('online', () => {
  const roundId = ref('');
  const communityId = ref('');
  const phase = ref<OnlinePhase>('loading');
  const survey = shallowRef<OnlineSurvey | undefined>();
  const draft = ref<OnlineDraft | undefined>();
  const pending = shallowRef<OnlineSubmission | undefined>();
  const sentAt = ref<string | undefined>();
  /** The community this phone already answered for in the round, when it is another one. */
  const answeredFor = shallowRef<OnlineSurvey['community'] | undefined>();
  /** Why the last step did not go through: 'too_quick', 'storage_full', or the server's message. */
  const problem = ref<{ code: string; message?: string; seconds?: number } | undefined>();
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  /** Failed sends in a row: the sync engine's backoff (jittered), and at once when the browser says the network is back. */
  let attempt = 0;

  const questionnaire = computed(() => survey.value?.questionnaires.find((q) => q.audience === draft.value?.audience));
  const items = computed(() => (questionnaire.value ? itemsForSubdistrict(questionnaire.value, survey.value?.community.subdistrictId) : []));
  const audiences = computed<Audience[]>(() => survey.value?.questionnaires.map((q) => q.audience) ?? []);

  function keep(): void {
    try {
      writeOnlineState(roundId.value, communityId.value, { survey: survey.value, draft: draft.value, pending: pending.value, sentAt: sentAt.value });
    } catch {
      // A full phone: the page goes on, and says that the answers live only in it until sent.
      problem.value = { code: 'storage_full' };
    }
  }

  function stopRetrying(): void {
    clearTimeout(retryTimer);
    retryTimer = undefined;
    globalThis.removeEventListener?.('online', retryNow);
  }

  function retryLater(afterMs: number): void {
    clearTimeout(retryTimer);
    retryTimer = setTimeout(() => void send(), afterMs);
    globalThis.addEventListener?.('online', retryNow);
  }

  function retryNow(): void {
    attempt = 0;
    void send();
  }

  /** Sends the kept submission; whatever happens, nothing is lost and nothing counts twice. */
  async function send(): Promise<void> {
    const submission = pending.value;
    if (!submission || phase.value === 'sending') return;
    phase.value = 'sending';
    try {
      await submitOnlineResponse(roundId.value, communityId.value, submission);
      finishWith('thanks', new Date().toISOString());
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      if (error.status === 0 || error.status === 429 || error.status >= 500) {
        phase.value = 'waiting';
        retryLater(backoffDelay(attempt, Math.random, error.retryAfterSeconds));
        attempt += 1;
      } else if (error.code === 'already_answered') {
        finishWith('already', new Date().toISOString());
      } else if (error.code === 'round_closed') {
        finishWith('closed', undefined);
      } else {
        // Refused as it is (e.g. an answer the questionnaire no longer takes): back to the answers.
        pending.value = undefined;
        problem.value = { code: 'refused', message: error.message };
        phase.value = 'answering';
        keep();
      }
    }
  }

  function finishWith(next: 'thanks' | 'already' | 'closed', at: string | undefined): void {
    stopRetrying();
    pending.value = undefined;
    draft.value = undefined;
    sentAt.value = at;
    phase.value = next;
    keep();
  }

  /** Opens the link: what the phone kept first, then the server's page (or the kept copy when offline). */
  async function open(round: string, community: string): Promise<void> {
    roundId.value = round;
    communityId.value = community;
    const kept = readOnlineState(round, community);
    survey.value = kept.survey;
    draft.value = kept.draft;
    pending.value = kept.pending;
    sentAt.value = kept.sentAt;
    if (kept.sentAt) {
      phase.value = 'thanks';
      return;
    }
    if (kept.pending) return send();
    // Said before the first question, not at 提交: the server takes one answer per phone and round.
    const elsewhere = answeredElsewhere(round, community);
    if (elsewhere) {
      answeredFor.value = elsewhere.survey?.community;
      phase.value = 'already';
      return;
    }
    phase.value = 'loading';
    try {
      const fresh = await fetchOnlineSurvey(round, community);
      // The ticket of the page first opened: a reload mid-answer must not restart the server's clock.
      const pageTicket = kept.survey?.pageTicket ?? fresh.pageTicket;
      survey.value = pageTicket ? { ...fresh, pageTicket } : fresh;
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      if (error.status === 404 || error.status === 400) {
        phase.value = 'unavailable';
        return;
      }
      if (!survey.value) {
        phase.value = 'offline';
        return;
      }
    }
    if (!survey.value.open) {
      phase.value = 'closed';
      return;
    }
    phase.value = draft.value ? 'answering' : 'choose';
    keep();
  }

  function chooseAudience(audience: Audience): void {
    const definition = survey.value?.questionnaires.find((q) => q.audience === audience);
    if (!definition) return;
    draft.value = { audience, elderlyMode: definition.elderlyMode ?? false, startedAt: new Date().toISOString(), position: 0, answers: {}, honeypot: '' };
    problem.value = undefined;
    phase.value = 'answering';
    keep();
  }

  /** Back to the choice of audience; the answers given so far are dropped with the questionnaire. */
  function changeAudience(): void {
    draft.value = undefined;
    phase.value = 'choose';
    keep();
  }

  function setElderlyMode(on: boolean): void {
    if (!draft.value) return;
    draft.value = { ...draft.value, elderlyMode: on };
    keep();
  }

  function answer(itemId: string, value: AnswerValue | undefined): void {
    if (!draft.value) return;
    const answers = { ...draft.value.answers };
    if (value === undefined) delete answers[itemId];
    else answers[itemId] = value;
    draft.value = { ...draft.value, answers };
    keep();
  }

  function move(position: number): void {
    if (!draft.value) return;
    draft.value = { ...draft.value, position };
    keep();
  }

  function setHoneypot(value: string): void {
    if (!draft.value) return;
    draft.value = { ...draft.value, honeypot: value.slice(0, 200) };
  }

  /** Finishes the answers: kept on the phone as a submission first, then sent. */
  async function submit(): Promise<void> {
    const current = draft.value;
    const definition = questionnaire.value;
    if (!current || !definition || !survey.value) return;
    const elapsedMs = Date.now() - Date.parse(current.startedAt);
    if (elapsedMs < survey.value.minimumAnsweringMs) {
      problem.value = { code: 'too_quick', seconds: Math.ceil((survey.value.minimumAnsweringMs - elapsedMs) / 1000) };
      return;
    }
    problem.value = undefined;
    pending.value = {
      submissionId: uuidv7(),
      deviceToken: onlineDeviceToken(),
      questionnaireId: definition.id,
      questionnaireVersion: definition.version,
      startedAt: current.startedAt,
      finishedAt: new Date().toISOString(),
      answers: keptAnswers(items.value, current.answers),
      ...(current.honeypot ? { website: current.honeypot } : {}),
      ...(survey.value.pageTicket ? { pageTicket: survey.value.pageTicket } : {}),
    };
    keep();
    attempt = 0;
    await send();
  }

  return { roundId, communityId, phase, survey, draft, pending, problem, answeredFor, questionnaire, items, audiences, open, chooseAudience, changeAudience, setElderlyMode, answer, move, setHoneypot, submit, retryNow, stopRetrying };
});
