import { v7 as uuidv7 } from 'uuid';
import type { SessionUser } from '../../shared/auth';
import type { Role, Scope } from '../../shared/roles';
import type { UserAccount, UserProfile } from '../../shared/users';
import type { Database } from '../db/database';
import type { UsersTable } from '../db/schema';

export interface NewUser {
  username: string;
  name: string;
  role: Role;
  scope: Scope;
  passwordHash: string;
  mustChangePassword?: boolean;
}

export interface StoredUser extends SessionUser {
  passwordHash: string;
}

type SessionUserRow = Pick<UsersTable, 'id' | 'username' | 'display_name' | 'role' | 'scope_level' | 'scope_ids'> & { must_change_password: number };
type UserRow = Omit<UsersTable, 'must_change_password'> & { must_change_password: number };

export function toSessionUser(row: SessionUserRow): SessionUser {
  return {
    id: row.id,
    username: row.username,
    name: row.display_name,
    role: row.role,
    scope: { level: row.scope_level, ids: JSON.parse(row.scope_ids) as string[] },
    ...(row.must_change_password ? { mustChangePassword: true } : {}),
  };
}

function toAccount(row: UserRow): UserAccount {
  const { mustChangePassword, ...user } = toSessionUser(row);
  return { ...user, createdAt: row.created_at, disabledAt: row.disabled_at, mustChangePassword: mustChangePassword ?? false };
}

function toStoredUser(row: UserRow): StoredUser {
  return { ...toSessionUser(row), passwordHash: row.password_hash };
}

export function createUsersRepository(db: Database, now: () => Date) {
  return {
    async create(user: NewUser): Promise<SessionUser> {
      const id = uuidv7();
      await db
        .insertInto('users')
        .values({
          id,
          username: user.username,
          display_name: user.name,
          role: user.role,
          scope_level: user.scope.level,
          scope_ids: JSON.stringify(user.scope.ids),
          password_hash: user.passwordHash,
          created_at: now().toISOString(),
          disabled_at: null,
          must_change_password: user.mustChangePassword ? 1 : 0,
        })
        .execute();
      return { id, username: user.username, name: user.name, role: user.role, scope: user.scope, ...(user.mustChangePassword ? { mustChangePassword: true } : {}) };
    },

    /** Every account, disabled ones included, for the administrator. */
    async listAccounts(): Promise<UserAccount[]> {
      const rows = await db.selectFrom('users').selectAll().orderBy('role').orderBy('username').execute();
      return rows.map(toAccount);
    },

    async findAccount(id: string): Promise<UserAccount | undefined> {
      const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toAccount(row);
    },

    async usernameTaken(username: string): Promise<boolean> {
      return (await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst()) !== undefined;
    },

    async updateProfile(id: string, profile: UserProfile): Promise<void> {
      await db
        .updateTable('users')
        .set({ display_name: profile.name, role: profile.role, scope_level: profile.scope.level, scope_ids: JSON.stringify(profile.scope.ids) })
        .where('id', '=', id)
        .execute();
    },

    /** Disabling keeps the user's records; the sessions check `disabled_at`, so tokens stop at once. */
    async setDisabled(id: string, disabled: boolean): Promise<void> {
      await db.updateTable('users').set({ disabled_at: disabled ? now().toISOString() : null }).where('id', '=', id).execute();
    },

    async findStoredById(id: string): Promise<StoredUser | undefined> {
      const row = await db.selectFrom('users').selectAll().where('id', '=', id).where('disabled_at', 'is', null).executeTakeFirst();
      return row && toStoredUser(row);
    },

    /** `mustChange`: set by the administrator (the user changes it at the next sign-in), cleared by the user's own change. */
    async setPassword(id: string, passwordHash: string, mustChange: boolean): Promise<void> {
      await db.updateTable('users').set({ password_hash: passwordHash, must_change_password: mustChange ? 1 : 0 }).where('id', '=', id).execute();
    },

    async findActiveByUsername(username: string): Promise<StoredUser | undefined> {
      const row = await db
        .selectFrom('users')
        .selectAll()
        .where('username', '=', username)
        .where('disabled_at', 'is', null)
        .executeTakeFirst();
      return row && toStoredUser(row);
    },

    /** The active grid workers whose scope holds the community, by name: whom its doors may be assigned to. */
    async activeGridWorkersOf(communityId: string): Promise<Array<{ username: string; name: string }>> {
      const rows = await db
        .selectFrom('users')
        .select(['username', 'display_name', 'scope_ids'])
        .where('role', '=', 'grid_worker')
        .where('disabled_at', 'is', null)
        .orderBy('display_name')
        .execute();
      return rows.filter((row) => (JSON.parse(row.scope_ids) as string[]).includes(communityId)).map((row) => ({ username: row.username, name: row.display_name }));
    },

    /** Display names of the given users, for lists such as fieldwork progress. */
    async namesOf(ids: readonly string[]): Promise<Map<string, string>> {
      if (ids.length === 0) return new Map();
      const rows = await db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', [...ids]).execute();
      return new Map(rows.map((row) => [row.id, row.display_name]));
    },

    async count(): Promise<number> {
      const { n } = await db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      return Number(n);
    },

    async countByRole(role: Role): Promise<number> {
      const { n } = await db
        .selectFrom('users')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('role', '=', role)
        .executeTakeFirstOrThrow();
      return Number(n);
    },
  };
}
export type UsersRepository = ReturnType<typeof createUsersRepository>;
