import { defineStore } from 'pinia';
import { v7 as uuidv7 } from 'uuid';
import { computed, ref } from 'vue';
import { assignmentSchema, quotaSchema, type Quota } from '../../shared/assignments';
import { addedHousehold, assignedHousehold, compareAddresses, type Household } from '../../shared/fieldwork/households';
import { householdRecord, outcomeVisitRecord, provenance, type NewHousehold, type VisitOutcomeInput } from '../../shared/fieldwork/records';
import { householdStatus, householdsVisitedOn, nextUnvisited, registerOrder, type HouseholdStatus } from '../../shared/fieldwork/register';
import { currentRound, localDay, roundCollects } from '../../shared/fieldwork/rounds';
import { latestVisitByHousehold as latestVisits, revisitList, visitsOnDay, type Visit } from '../../shared/fieldwork/visits';
import { communitySchema, roundSchema, type Community, type Round } from '../../shared/organisation';
import { householdDataSchema, visitDataSchema, type Audience, type RecordData } from '../../shared/records';
import type { SyncState } from '../db/database';
import { deviceId } from '../db/device';
import { allRecords, countResponsesByCommunityAndAudience, saveFinalised } from '../db/records';
import { listReference } from '../db/reference';
import { onDeviceDataChange } from '../db/watch';
import { useSessionStore } from './session';

export type { SyncState };

/** A visit as the lists show it, with where its record stands with the server. */
export interface VisitRow extends Visit {
  syncState: SyncState;
}

export interface QuotaProgress {
  audience: Audience;
  target: number;
  done: number;
}

function parsed<T>(schema: { safeParse(data: unknown): { success: true; data: T } | { success: false } }, data: unknown): T[] {
  const result = schema.safeParse(data);
  return result.success ? [result.data] : [];
}

/**
 * The worker's field work: communities in scope, the household register, visits and their
 * outcomes, the revisit list and the round's quotas. Everything comes from the device; the rules
 * (current round, revisits, the records a visit makes) are in src/shared/fieldwork.
 */
export const useFieldworkStore = defineStore('fieldwork', () => {
  const communities = ref<Community[]>([]);
  const round = ref<Round | undefined>(undefined);
  const households = ref<Household[]>([]);
  const visits = ref<VisitRow[]>([]);
  const quotas = ref<Quota[]>([]);
  const responseCounts = ref(new Map<string, number>());
  const today = ref(localDay(new Date()));
  const loaded = ref(false);

  async function load(now: Date = new Date()): Promise<void> {
    const session = useSessionStore();
    const scopeIds = session.user?.scope.level === 'community' ? session.user.scope.ids : [];
    today.value = localDay(now);
    const [communityRefs, roundRefs, assignmentRefs, quotaRefs, householdRecords, visitRecords] = await Promise.all([
      listReference('community'),
      listReference('round'),
      listReference('assignment'),
      listReference('quota'),
      allRecords('household'),
      allRecords('visit'),
    ]);
    const known = new Map(communityRefs.flatMap((entry) => parsed(communitySchema, entry.data)).map((c) => [c.id, c]));
    const running = currentRound(roundRefs.flatMap((entry) => parsed(roundSchema, entry.data)), today.value);
    const roundId = running?.id;
    const assigned = assignmentRefs
      .flatMap((entry) => parsed(assignmentSchema, entry.data))
      .filter((a) => a.roundId === roundId && scopeIds.includes(a.communityId))
      .map(assignedHousehold);
    const added = householdRecords.flatMap((record) => parsed(householdDataSchema, record.data).map((data) => addedHousehold(record.id, data)));
    const counts = roundId ? await countResponsesByCommunityAndAudience(roundId) : new Map<string, number>();
    // Assigned together, after every read, so that the page never shows half of the picture.
    // A community not pulled yet still shows, by its id, so the worker is never locked out.
    communities.value = scopeIds.map((id) => known.get(id) ?? { id, subdistrictId: '', nameZh: id, nameEn: id });
    round.value = running;
    households.value = [...assigned, ...added];
    visits.value = visitRecords.flatMap((record) =>
      parsed(visitDataSchema, record.data).map((data: RecordData<'visit'>) => ({
        id: record.id,
        householdId: data.householdId,
        communityId: data.communityId,
        roundId: data.roundId,
        outcome: data.outcome,
        revisitOn: data.revisitOn,
        responseId: data.responseId,
        finalisedAt: data.finalisedAt,
        syncState: record.syncState,
      })),
    );
    quotas.value = quotaRefs.flatMap((entry) => parsed(quotaSchema, entry.data)).filter((q) => q.roundId === roundId);
    responseCounts.value = counts;
    loaded.value = true;
  }

  /** The round has closed on the server: no new questionnaires, and what still waits to be sent arrives late. */
  const roundClosed = computed(() => !!round.value && !roundCollects(round.value));
  const roundVisits = computed(() => visits.value.filter((visit) => visit.roundId === round.value?.id));
  const latestVisitByHousehold = computed(() => latestVisits(roundVisits.value));
  /** Households whose last visit found nobody home or was asked to come back, soonest first. */
  const revisits = computed(() => revisitList(households.value, latestVisitByHousehold.value));
  const todaysVisits = computed(() => visitsOnDay(roundVisits.value, today.value));
  const householdsVisitedToday = computed(() => householdsVisitedOn(roundVisits.value, today.value));

  function householdsIn(communityId: string): Household[] {
    return households.value.filter((household) => household.communityId === communityId).sort(compareAddresses);
  }

  /** The community's register as the worker walks it: unvisited first, then revisits, then done. */
  function registerOf(communityId: string): Household[] {
    return registerOrder(householdsIn(communityId), latestVisitByHousehold.value);
  }

  function statusOf(householdId: string): HouseholdStatus {
    return householdStatus(latestVisitByHousehold.value.get(householdId));
  }

  /** The next household of the same community not visited yet this round. */
  function nextHousehold(afterId: string): Household | undefined {
    return nextUnvisited(households.value, latestVisitByHousehold.value, afterId);
  }

  function household(id: string): Household | undefined {
    return households.value.find((candidate) => candidate.id === id);
  }

  function community(id: string): Community | undefined {
    return communities.value.find((candidate) => candidate.id === id);
  }

  function visitsOf(householdId: string): VisitRow[] {
    return visits.value.filter((visit) => visit.householdId === householdId).sort((a, b) => b.finalisedAt.localeCompare(a.finalisedAt));
  }

  function quotaProgress(communityId: string): QuotaProgress[] {
    return quotas.value
      .filter((quota) => quota.communityId === communityId)
      .map((quota) => ({ audience: quota.audience, target: quota.target, done: responseCounts.value.get(`${communityId}:${quota.audience}`) ?? 0 }));
  }

  async function madeNow(now: Date) {
    const user = useSessionStore().user;
    if (!user) throw new Error('no signed-in user');
    return provenance({ authorId: user.id, deviceId: await deviceId() }, now);
  }

  /** Adds a household the office did not assign; it is a finalised record from the start. */
  async function addHousehold(input: NewHousehold, now: Date = new Date()): Promise<Household> {
    const record = householdRecord(uuidv7(), input, await madeNow(now));
    await saveFinalised([record]);
    await load(now);
    return addedHousehold(record.id, record.data as RecordData<'household'>);
  }

  /** Records a visit that did not lead to a questionnaire (nobody home, refused, moved, later). */
  async function recordOutcome(householdId: string, input: VisitOutcomeInput, now: Date = new Date()): Promise<void> {
    const target = household(householdId);
    if (!target || !round.value) throw new Error('unknown household or no round');
    await saveFinalised([outcomeVisitRecord(uuidv7(), target, round.value.id, input, await madeNow(now))]);
    await load(now);
  }

  /** Runs `onChange` whenever data on the device changes (e.g. a pull lands); returns a stop function. */
  function follow(onChange: () => void): () => void {
    return onDeviceDataChange(onChange);
  }

  return {
    follow,
    communities,
    round,
    roundClosed,
    households,
    visits,
    quotas,
    today,
    loaded,
    revisits,
    todaysVisits,
    householdsVisitedToday,
    latestVisitByHousehold,
    load,
    householdsIn,
    registerOf,
    statusOf,
    nextHousehold,
    household,
    community,
    visitsOf,
    quotaProgress,
    addHousehold,
    recordOutcome,
  };
});
