import { v7 as uuidv7 } from 'uuid';
import { quotaId, type Assignment, type Quota } from '../../shared/assignments';
import { districtId, referenceSubdistricts, type Community } from '../../shared/organisation';
import { defaultScoringSettings } from '../../shared/scoring/settings';
import { defaultQuestionnaires } from './templates';
import { audiences, type Audience } from '../../shared/records';
import type { Role, Scope } from '../../shared/roles';
import { hashPassword } from '../auth/passwords';
import type { Database } from '../db/database';
import { createRepositories, type Repositories } from '../repositories';
import { useNativeSha256 } from '../native-hashing';
import { demoDepartments } from './departments';
import { seedPublishedDemoRound } from './history';

export const demoPassword = 'demo1234';
export const demoRoundId = '2026-H1';
const communityCount = 120;

/** Per community and round: the 2020 rounds drew about 8,000 field questionnaires over 120 communities. */
const demoQuotaTargets: Readonly<Record<Audience, number>> = { elderly: 30, adult: 25, work_unit: 10 };

/**
 * 120 synthetic communities spread over the 13 real sub-districts (9 or 10 each):
 * the case does not list community names, so these are invented and named as such.
 */
export function syntheticCommunities(): Community[] {
  const perSubdistrict = Math.floor(communityCount / referenceSubdistricts.length);
  const remainder = communityCount % referenceSubdistricts.length;
  return referenceSubdistricts.flatMap((subdistrict, index) => {
    const count = perSubdistrict + (index < remainder ? 1 : 0);
    return Array.from({ length: count }, (_, i) => {
      const n = String(i + 1).padStart(2, '0');
      return {
        id: `${subdistrict.id}-c${n}`,
        subdistrictId: subdistrict.id,
        nameZh: `${subdistrict.nameZh.replace(/街道$/, '')}示例第${n}社区`,
        nameEn: `${subdistrict.nameEn} sample community ${n}`,
      };
    });
  });
}

interface DemoAccount {
  username: string;
  name: string;
  role: Role;
  scope: Scope;
}

/** The demo's one account a role, by username (tests and the README sign in with these). */
export const demoUsernames: Readonly<Record<Role, string>> = {
  grid_worker: 'demo-worker',
  legal_adviser: 'demo-adviser',
  subdistrict_officer: 'demo-officer',
  supervisor: 'demo-supervisor',
  admin: 'demo-admin',
  department: 'demo-department',
};

export function demoAccounts(communities: readonly Community[]): DemoAccount[] {
  const [first, second] = communities;
  if (!first || !second) throw new Error('demo accounts need at least two communities');
  const district: Scope = { level: 'district', ids: [districtId] };
  return [
    { username: demoUsernames.grid_worker, name: '演示网格员', role: 'grid_worker', scope: { level: 'community', ids: [first.id, second.id] } },
    { username: demoUsernames.legal_adviser, name: '演示法律顾问', role: 'legal_adviser', scope: { level: 'community', ids: [first.id] } },
    { username: demoUsernames.subdistrict_officer, name: '演示街道工作人员', role: 'subdistrict_officer', scope: { level: 'subdistrict', ids: [first.subdistrictId] } },
    { username: demoUsernames.supervisor, name: '演示考评办', role: 'supervisor', scope: district },
    { username: demoUsernames.admin, name: '演示管理员', role: 'admin', scope: district },
    { username: demoUsernames.department, name: '演示城管局', role: 'department', scope: { level: 'department', ids: [demoDepartments[0]!.id] } },
  ];
}

/** Six households per community of the demo worker: building 1-2, unit 1, rooms 101-302. */
function demoAssignments(workerId: string, communityIds: readonly string[]): Assignment[] {
  return communityIds.flatMap((communityId) =>
    ['101', '201', '301'].flatMap((room) =>
      ['1', '2'].map((building) => ({ id: uuidv7(), communityId, roundId: demoRoundId, building, unit: '1', room, assignedTo: workerId })),
    ),
  );
}

/** Organisation, the round, questionnaires and quotas, each published to the change log for devices. */
async function seedReferenceData(repos: Repositories, communities: readonly Community[], now: Date): Promise<void> {
  await repos.organisation.insertSubdistricts(referenceSubdistricts);
  await repos.organisation.insertCommunities(communities);
  for (const department of demoDepartments) await repos.cases.saveDepartment(department);
  await repos.rounds.create(null, demoRoundId, defaultScoringSettings());
  // Named before the round opens, so that devices receive the round once, with its questionnaires.
  await repos.questionnaires.seedPublished(defaultQuestionnaires, demoRoundId);
  await repos.rounds.transition(null, demoRoundId, 'open');
  await repos.changes.publish(
    [
      ...referenceSubdistricts.map((s) => ({ kind: 'subdistrict', entityId: s.id, data: { ...s }, subdistrictId: s.id })),
      ...communities.map((c) => ({ kind: 'community', entityId: c.id, data: { ...c }, communityId: c.id, subdistrictId: c.subdistrictId })),
    ],
    now,
  );
  const quotas: Quota[] = communities.flatMap((c) => audiences.map((audience) => ({ roundId: demoRoundId, communityId: c.id, audience, target: demoQuotaTargets[audience] })));
  await repos.entities.save(quotas.map((q) => ({ kind: 'quota', id: quotaId(q), data: { ...q }, scope: { communityId: q.communityId } })));
}

/**
 * Fills an empty database with the organisation, round 2026-H1, questionnaires, quotas, the demo
 * accounts and the demo worker's households, and with `publishedRound` the synthetic published
 * round 2025-H2, in one transaction so an interrupted start leaves nothing half-seeded.
 */
export async function seedDemoData(db: Database, now: () => Date = () => new Date(), options: { publishedRound?: boolean } = {}): Promise<{ seeded: boolean }> {
  // The published round hashes tens of thousands of records.
  useNativeSha256();
  const passwordHash = await hashPassword(demoPassword);
  const outcome = await db.transaction().execute(async (trx) => {
    const repos = createRepositories(trx, { now, sessionLifetimeMs: 0 });
    if ((await repos.users.count()) > 0) return { seeded: false };
    const communities = syntheticCommunities();
    await seedReferenceData(repos, communities, now());
    for (const account of demoAccounts(communities)) {
      const user = await repos.users.create({ ...account, passwordHash });
      if (account.role === 'grid_worker') {
        const assignments = demoAssignments(user.id, account.scope.ids);
        await repos.entities.save(assignments.map((a) => ({ kind: 'assignment', id: a.id, data: { ...a }, scope: { communityId: a.communityId, userId: user.id } })));
      }
    }
    const history = options.publishedRound ? await seedPublishedDemoRound(trx, communities, now) : { responses: 0 };
    await repos.audit.record(null, 'demo.seed', { communities: communities.length, syntheticResponses: history.responses });
    return { seeded: true };
  });
  if (outcome.seeded && options.publishedRound) await createRepositories(db, { now, sessionLifetimeMs: 0 }).scores.fold();
  return outcome;
}
