import { defineStore } from 'pinia';
import { v7 as uuidv7 } from 'uuid';
import { computed, ref } from 'vue';
import { assignmentSchema, quotaSchema, type Quota } from '../../shared/assignments';
import { communitySchema, roundSchema, type Community, type Round } from '../../shared/organisation';
import { finaliseRecord, householdDataSchema, visitDataSchema, type Audience, type RecordData, type VisitOutcome } from '../../shared/records';
import type { SyncState } from '../db/database';
import { deviceId } from '../db/device';
import { allRecords, countResponsesByCommunityAndAudience, saveFinalised } from '../db/records';
import { listReference } from '../db/reference';
import { onDeviceDataChange } from '../db/watch';
import { useSessionStore } from './session';

export interface Household {
  id: string;
  communityId: string;
  building: string;
  unit: string;
  room: string;
  notes?: string | undefined;
  /** Assigned by the office (pulled), or added by the worker on this device. */
  source: 'assigned' | 'added';
}

export interface Visit {
  id: string;
  householdId: string;
  communityId: string;
  roundId: string;
  outcome: VisitOutcome;
  revisitOn?: string | undefined;
  responseId?: string | undefined;
  finalisedAt: string;
  syncState: SyncState;
}

export interface QuotaProgress {
  audience: Audience;
  target: number;
  done: number;
}

export interface NewHousehold {
  communityId: string;
  building: string;
  unit: string;
  room: string;
  notes?: string | undefined;
}

export interface VisitOutcomeInput {
  outcome: Exclude<VisitOutcome, 'completed'>;
  revisitOn?: string | undefined;
  notes?: string | undefined;
}

/** Outcomes after which the household is to be visited again. */
const revisitOutcomes: readonly VisitOutcome[] = ['nobody_home', 'come_back_later'];

/** A device-local calendar day, YYYY-MM-DD. */
export function localDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The round running on `day`, else the most recent one. */
export function currentRound(rounds: readonly Round[], day: string): Round | undefined {
  const sorted = [...rounds].sort((a, b) => b.startsOn.localeCompare(a.startsOn));
  return sorted.find((round) => round.startsOn <= day && day <= round.endsOn) ?? sorted.find((round) => round.startsOn <= day) ?? sorted[0];
}

function parsed<T>(schema: { safeParse(data: unknown): { success: true; data: T } | { success: false } }, data: unknown): T[] {
  const result = schema.safeParse(data);
  return result.success ? [result.data] : [];
}

/**
 * The worker's field work: communities in scope, the household register, visits and their
 * outcomes, the revisit list and the round's quotas. Everything comes from the device.
 */
export const useFieldworkStore = defineStore('fieldwork', () => {
  const communities = ref<Community[]>([]);
  const round = ref<Round | undefined>(undefined);
  const households = ref<Household[]>([]);
  const visits = ref<Visit[]>([]);
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
    const assigned: Household[] = assignmentRefs
      .flatMap((entry) => parsed(assignmentSchema, entry.data))
      .filter((a) => a.roundId === roundId && scopeIds.includes(a.communityId))
      .map((a) => ({ id: a.id, communityId: a.communityId, building: a.building, unit: a.unit, room: a.room, notes: a.notes, source: 'assigned' }));
    const added: Household[] = householdRecords.flatMap((record) =>
      parsed(householdDataSchema, record.data).map((data) => ({ id: record.id, communityId: data.communityId, building: data.building, unit: data.unit, room: data.room, notes: data.notes, source: 'added' as const })),
    );
    const counts = roundId ? await countResponsesByCommunityAndAudience(roundId) : new Map<string, number>();
    // Assigned together, after every read, so that the page never shows half of the picture.
    // A community not pulled yet still shows, by its id, so the worker is never locked out.
    communities.value = scopeIds.map((id) => known.get(id) ?? { id, subdistrictId: '', nameZh: id, nameEn: id });
    round.value = running;
    households.value = [...assigned, ...added];
    visits.value = visitRecords.flatMap((record) =>
      parsed(visitDataSchema, record.data).map((data) => ({
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

  const roundVisits = computed(() => visits.value.filter((visit) => visit.roundId === round.value?.id));

  const latestVisitByHousehold = computed(() => {
    const latest = new Map<string, Visit>();
    for (const visit of roundVisits.value) {
      const current = latest.get(visit.householdId);
      if (!current || visit.finalisedAt > current.finalisedAt) latest.set(visit.householdId, visit);
    }
    return latest;
  });

  /** Households whose last visit found nobody home or was asked to come back, soonest first. */
  const revisits = computed(() =>
    households.value
      .flatMap((household) => {
        const visit = latestVisitByHousehold.value.get(household.id);
        return visit && revisitOutcomes.includes(visit.outcome) ? [{ household, visit }] : [];
      })
      .sort((a, b) => (a.visit.revisitOn ?? a.visit.finalisedAt).localeCompare(b.visit.revisitOn ?? b.visit.finalisedAt)),
  );

  const todaysVisits = computed(() => roundVisits.value.filter((visit) => localDay(new Date(visit.finalisedAt)) === today.value).sort((a, b) => b.finalisedAt.localeCompare(a.finalisedAt)));

  function householdsIn(communityId: string): Household[] {
    return households.value
      .filter((household) => household.communityId === communityId)
      .sort((a, b) => a.building.localeCompare(b.building, 'zh-CN', { numeric: true }) || a.unit.localeCompare(b.unit, 'zh-CN', { numeric: true }) || a.room.localeCompare(b.room, 'zh-CN', { numeric: true }));
  }

  function household(id: string): Household | undefined {
    return households.value.find((candidate) => candidate.id === id);
  }

  function community(id: string): Community | undefined {
    return communities.value.find((candidate) => candidate.id === id);
  }

  function visitsOf(householdId: string): Visit[] {
    return visits.value.filter((visit) => visit.householdId === householdId).sort((a, b) => b.finalisedAt.localeCompare(a.finalisedAt));
  }

  function quotaProgress(communityId: string): QuotaProgress[] {
    return quotas.value
      .filter((quota) => quota.communityId === communityId)
      .map((quota) => ({ audience: quota.audience, target: quota.target, done: responseCounts.value.get(`${communityId}:${quota.audience}`) ?? 0 }));
  }

  async function provenance(now: Date) {
    const user = useSessionStore().user;
    if (!user) throw new Error('no signed-in user');
    const at = now.toISOString();
    return { authorId: user.id, deviceId: await deviceId(), createdAt: at, finalisedAt: at };
  }

  /** Adds a household the office did not assign; it is a finalised record from the start. */
  async function addHousehold(input: NewHousehold, now: Date = new Date()): Promise<Household> {
    const notes = input.notes?.trim();
    const data: RecordData<'household'> = {
      ...(await provenance(now)),
      communityId: input.communityId,
      building: input.building.trim(),
      unit: input.unit.trim(),
      room: input.room.trim(),
      ...(notes ? { notes } : {}),
    };
    const record = finaliseRecord('household', uuidv7(), data);
    await saveFinalised([record]);
    await load(now);
    return { id: record.id, communityId: data.communityId, building: data.building, unit: data.unit, room: data.room, notes: data.notes, source: 'added' };
  }

  /** Records a visit that did not lead to a questionnaire (nobody home, refused, moved, later). */
  async function recordOutcome(householdId: string, input: VisitOutcomeInput, now: Date = new Date()): Promise<void> {
    const target = household(householdId);
    if (!target || !round.value) throw new Error('unknown household or no round');
    const notes = input.notes?.trim();
    const data: RecordData<'visit'> = {
      ...(await provenance(now)),
      householdId,
      communityId: target.communityId,
      roundId: round.value.id,
      outcome: input.outcome,
      ...(input.outcome === 'come_back_later' && input.revisitOn ? { revisitOn: input.revisitOn } : {}),
      ...(notes ? { notes } : {}),
    };
    await saveFinalised([finaliseRecord('visit', uuidv7(), data)]);
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
    households,
    visits,
    quotas,
    today,
    loaded,
    revisits,
    todaysVisits,
    latestVisitByHousehold,
    load,
    householdsIn,
    household,
    community,
    visitsOf,
    quotaProgress,
    addHousehold,
    recordOutcome,
  };
});
