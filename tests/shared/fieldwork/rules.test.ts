import { describe, expect, it } from 'vitest';
import { defaultQuestionnaires } from '../../../src/server/demo/templates';
import { compareAddresses, type Household } from '../../../src/shared/fieldwork/households';
import { completedInterviewRecords, householdRecord, outcomeVisitRecord, provenance } from '../../../src/shared/fieldwork/records';
import { currentRound, localDay } from '../../../src/shared/fieldwork/rounds';
import { latestVisitByHousehold, revisitList, visitsOnDay, type Visit } from '../../../src/shared/fieldwork/visits';
import { newInterviewContext } from '../../../src/shared/questionnaire/interview';
import { IncompleteResponseError } from '../../../src/shared/questionnaire/response';
import { validateRecord } from '../../../src/shared/records';
import { verifySignature } from '../../../src/shared/signature';

const ids = { a: '0190f0a0-0000-7000-8000-0000000000a1', b: '0190f0a0-0000-7000-8000-0000000000b2', c: '0190f0a0-0000-7000-8000-0000000000c3' };
const by = provenance({ authorId: '0190f0a0-0000-7000-8000-000000000001', deviceId: 'device-1' }, new Date('2026-03-02T09:10:00Z'));
const household = (id: string, building: string, unit: string, room: string): Household => ({ id, communityId: 'yijiangmen-c01', building, unit, room, source: 'assigned' });
const visit = (householdId: string, outcome: Visit['outcome'], finalisedAt: string, revisitOn?: string): Visit => ({ id: `${householdId}-${finalisedAt}`, householdId, communityId: 'yijiangmen-c01', roundId: '2026-H1', outcome, finalisedAt, revisitOn });

describe('round selection', () => {
  const rounds = [
    { id: '2025-H2', startsOn: '2025-07-01', endsOn: '2025-12-31' },
    { id: '2026-H1', startsOn: '2026-01-01', endsOn: '2026-06-30' },
  ];
  it('takes the round running on the day, else the latest that has started, else the newest', () => {
    expect(currentRound(rounds, '2025-08-01')?.id).toBe('2025-H2');
    expect(currentRound(rounds, '2026-03-02')?.id).toBe('2026-H1');
    expect(currentRound(rounds, '2026-09-01')?.id).toBe('2026-H1');
    expect(currentRound(rounds, '2024-01-01')?.id).toBe('2026-H1');
    expect(currentRound([], '2026-03-02')).toBeUndefined();
  });
  it('names the device’s local day', () => {
    expect(localDay(new Date(2026, 2, 2, 23, 59))).toBe('2026-03-02');
  });
});

describe('the revisit rule', () => {
  const households = [household('h1', '1', '1', '101'), household('h2', '1', '1', '102'), household('h3', '2', '1', '101'), household('h4', '3', '1', '101')];
  const visits = [
    visit('h1', 'nobody_home', '2026-03-01T08:00:00Z'),
    visit('h1', 'completed', '2026-03-02T08:00:00Z'),
    visit('h2', 'come_back_later', '2026-03-01T09:00:00Z', '2026-03-05'),
    visit('h3', 'nobody_home', '2026-03-02T10:00:00Z'),
    visit('h4', 'refused', '2026-03-02T11:00:00Z'),
  ];
  it('lists households whose last visit found nobody home or was asked back, soonest first', () => {
    const revisits = revisitList(households, latestVisitByHousehold(visits));
    expect(revisits.map((entry) => entry.household.id)).toEqual(['h3', 'h2']);
  });
  it('takes the most recent visit of each household', () => {
    expect(latestVisitByHousehold(visits).get('h1')?.outcome).toBe('completed');
  });
  it('lists a day’s visits newest first', () => {
    const local = (day: number, hour: number) => new Date(2026, 2, day, hour).toISOString();
    const sameDay = [visit('h1', 'refused', local(2, 8)), visit('h2', 'nobody_home', local(1, 23)), visit('h3', 'completed', local(2, 17)), visit('h4', 'moved', local(3, 0))];
    expect(visitsOnDay(sameDay, '2026-03-02').map((v) => v.householdId)).toEqual(['h3', 'h1']);
  });
  it('orders addresses by number, not by text', () => {
    expect([household('x', '10', '1', '1'), household('y', '2', '1', '1')].sort(compareAddresses).map((h) => h.building)).toEqual(['2', '10']);
  });
});

describe('records a visit makes', () => {
  it('builds an added household with its address trimmed and its provenance', () => {
    const record = householdRecord(ids.a, { communityId: 'yijiangmen-c01', building: ' 5 ', unit: '1', room: '302 ', notes: '  ' }, by);
    expect(validateRecord(record)).toBeUndefined();
    expect(record.data).toEqual({ ...by, communityId: 'yijiangmen-c01', building: '5', unit: '1', room: '302' });
  });

  it('keeps the agreed day only for "come back later"', () => {
    const later = outcomeVisitRecord(ids.a, { id: ids.b, communityId: 'yijiangmen-c01' }, '2026-H1', { outcome: 'come_back_later', revisitOn: '2026-03-05' }, by);
    const refused = outcomeVisitRecord(ids.a, { id: ids.b, communityId: 'yijiangmen-c01' }, '2026-H1', { outcome: 'refused', revisitOn: '2026-03-05', notes: ' 不方便 ' }, by);
    expect(validateRecord(later)).toBeUndefined();
    expect(later.data).toMatchObject({ householdId: ids.b, outcome: 'come_back_later', revisitOn: '2026-03-05' });
    expect(refused.data).not.toHaveProperty('revisitOn');
    expect(refused.data).toMatchObject({ notes: '不方便' });
  });

  const elderly = defaultQuestionnaires.find((definition) => definition.audience === 'elderly')!;
  const context = newInterviewContext({
    household: { id: ids.c, communityId: 'yijiangmen-c01', building: '3', unit: '2', room: '401' },
    subdistrictId: 'yijiangmen',
    roundId: '2026-H1',
    definition: elderly,
    consentAt: '2026-03-02T09:00:00Z',
  });
  const answers = { ...Object.fromEntries(elderly.items.filter((item) => item.kind === 'satisfaction').map((item) => [item.id, 'fair'])), grid_visited: false };
  const interview = { responseId: ids.a, signatureId: ids.b, visitId: '0190f0a0-0000-7000-8000-0000000000d4', context, answers, author: { authorId: by.authorId, deviceId: by.deviceId }, createdAt: '2026-03-02T09:00:00Z', now: new Date('2026-03-02T09:30:00Z') };

  it('builds a response without the address, a signature bound to it, and the completed visit', () => {
    const image = new Uint8Array([1, 2, 3]);
    const { records, blobHash } = completedInterviewRecords({ ...interview, signature: { image } });
    const [response, signature, completed] = records;
    for (const record of records) expect(validateRecord(record!)).toBeUndefined();
    expect(JSON.stringify(response!.data)).not.toContain(ids.c);
    expect(response!.data).toMatchObject({ communityId: 'yijiangmen-c01', roundId: '2026-H1', channel: 'field', audience: 'elderly' });
    expect(verifySignature(signature!, response!, image)).toBeUndefined();
    expect(signature!.data.blobHash).toBe(blobHash);
    expect(completed!.data).toMatchObject({ householdId: ids.c, outcome: 'completed', responseId: ids.a, finalisedAt: '2026-03-02T09:30:00.000Z', createdAt: '2026-03-02T09:00:00Z' });
  });

  it('records the reason when the resident declines, with no image', () => {
    const { records, blobHash } = completedInterviewRecords({ ...interview, signature: { declinedReason: ' 不识字 ' } });
    expect(blobHash).toBeUndefined();
    expect(records[1]!.data).toMatchObject({ declinedReason: '不识字' });
  });

  it('refuses a questionnaire with a required answer missing', () => {
    expect(() => completedInterviewRecords({ ...interview, answers: {}, signature: { declinedReason: 'x' } })).toThrow(IncompleteResponseError);
  });
});
