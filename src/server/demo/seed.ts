import { districtId, referenceSubdistricts, roundDates, type Community } from '../../shared/organisation';
import type { Role, Scope } from '../../shared/roles';
import { hashPassword } from '../auth/passwords';
import type { Database } from '../db/database';
import { createRepositories } from '../repositories';

export const demoPassword = 'demo1234';
export const demoRoundId = '2026-H1';
const communityCount = 120;

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

export function demoAccounts(communities: readonly Community[]): DemoAccount[] {
  const [first, second] = communities;
  if (!first || !second) throw new Error('demo accounts need at least two communities');
  const district: Scope = { level: 'district', ids: [districtId] };
  return [
    { username: 'demo-worker', name: '演示网格员', role: 'grid_worker', scope: { level: 'community', ids: [first.id, second.id] } },
    { username: 'demo-adviser', name: '演示法律顾问', role: 'legal_adviser', scope: { level: 'community', ids: [first.id] } },
    { username: 'demo-officer', name: '演示街道工作人员', role: 'subdistrict_officer', scope: { level: 'subdistrict', ids: [first.subdistrictId] } },
    { username: 'demo-supervisor', name: '演示考评办', role: 'supervisor', scope: district },
    { username: 'demo-admin', name: '演示管理员', role: 'admin', scope: district },
  ];
}

/**
 * Fills an empty database with the organisation, round 2026-H1 and the demo accounts, in one
 * transaction so that an interrupted start leaves nothing half-seeded.
 */
export async function seedDemoData(db: Database, now: () => Date = () => new Date()): Promise<{ seeded: boolean }> {
  const passwordHash = await hashPassword(demoPassword);
  return db.transaction().execute(async (trx) => {
    const repos = createRepositories(trx, { now, sessionLifetimeMs: 0 });
    if ((await repos.users.count()) > 0) return { seeded: false };
    const communities = syntheticCommunities();
    await repos.organisation.insertSubdistricts(referenceSubdistricts);
    await repos.organisation.insertCommunities(communities);
    await repos.organisation.insertRound({ id: demoRoundId, ...roundDates(demoRoundId) });
    for (const account of demoAccounts(communities)) {
      await repos.users.create({ ...account, passwordHash });
    }
    await repos.audit.record(null, 'demo.seed', { communities: communities.length });
    return { seeded: true };
  });
}
