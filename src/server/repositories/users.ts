import { v7 as uuidv7 } from 'uuid';
import type { SessionUser } from '../../shared/auth';
import type { Role, Scope } from '../../shared/roles';
import type { Database } from '../db/database';
import type { UsersTable } from '../db/schema';

export interface NewUser {
  username: string;
  name: string;
  role: Role;
  scope: Scope;
  passwordHash: string;
}

export interface StoredUser extends SessionUser {
  passwordHash: string;
}

type SessionUserRow = Pick<UsersTable, 'id' | 'username' | 'display_name' | 'role' | 'scope_level' | 'scope_ids'>;

export function toSessionUser(row: SessionUserRow): SessionUser {
  return {
    id: row.id,
    username: row.username,
    name: row.display_name,
    role: row.role,
    scope: { level: row.scope_level, ids: JSON.parse(row.scope_ids) as string[] },
  };
}

function toStoredUser(row: UsersTable): StoredUser {
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
        })
        .execute();
      return { id, username: user.username, name: user.name, role: user.role, scope: user.scope };
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
