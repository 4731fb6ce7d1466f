import { passwordSchema, usernameSchema } from '../../shared/auth';
import { districtId } from '../../shared/organisation';
import type { Database } from '../db/database';
import { createRepositories } from '../repositories';
import { hashPassword } from './passwords';

/** Creates a district-wide administrator; refuses a taken username or a weak password. */
export async function createAdministrator(db: Database, username: string, password: string, name = username) {
  const validUsername = usernameSchema.parse(username);
  const validPassword = passwordSchema.parse(password);
  const repos = createRepositories(db, { now: () => new Date(), sessionLifetimeMs: 0 });
  if (await repos.users.findActiveByUsername(validUsername)) {
    throw new Error(`The username ${validUsername} is taken`);
  }
  const user = await repos.users.create({
    username: validUsername,
    name,
    role: 'admin',
    scope: { level: 'district', ids: [districtId] },
    passwordHash: await hashPassword(validPassword),
  });
  await repos.audit.record(null, 'user.create_admin', { userId: user.id, username: user.username });
  return user;
}
