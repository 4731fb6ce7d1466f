import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod/mini';
import { errorBodySchema, errorCodes } from '../../../shared/errors';
import { districtId } from '../../../shared/organisation';
import type { Scope, ScopeLevel } from '../../../shared/roles';
import { newUserSchema, passwordResetSchema, userAccountResponseSchema, userListSchema, userProfileSchema, type UserAccount } from '../../../shared/users';
import { authenticate } from '../../auth/authenticate';
import { hashPassword } from '../../auth/passwords';
import { HttpError } from '../../http-error';
import type { Repositories } from '../../repositories';

const bearer = [{ bearer: [] }];
const userParams = z.object({ userId: z.string().check(z.minLength(1), z.maxLength(100)) });
const errors = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema, 409: errorBodySchema };

/** The administrator's management of people: accounts, role and scope, disabling, password resets. All audited. */
export const userRoutes: FastifyPluginAsync<{ repos: Repositories }> = async (app, { repos }) => {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const adminOnly = authenticate(repos.sessions, ['admin']);

  /** The units each scope level names; a level without a list here cannot be given yet. */
  const unitsOf: Record<ScopeLevel, () => Promise<string[]>> = {
    district: async () => [districtId],
    subdistrict: async () => (await repos.organisation.listSubdistricts()).map((s) => s.id),
    community: async () => (await repos.organisation.listCommunities()).map((c) => c.id),
    department: async () => (await repos.cases.listDepartments()).map((d) => d.id),
  };

  async function checkScopeUnits(scope: Scope): Promise<void> {
    const known = new Set(await unitsOf[scope.level]());
    const unknown = scope.ids.filter((id) => !known.has(id));
    if (unknown.length > 0) throw new HttpError(400, errorCodes.invalidRequest, `scope.ids: unknown ${scope.level} ${unknown.slice(0, 10).join(', ')}`);
  }

  async function accountOr404(userId: string): Promise<UserAccount> {
    const account = await repos.users.findAccount(userId);
    if (!account) throw new HttpError(404, errorCodes.notFound, `No user ${userId}`);
    return account;
  }

  api.get(
    '/api/users',
    {
      schema: { summary: 'Every user account, disabled ones included', tags: ['users'], security: bearer, response: { 200: userListSchema, 401: errorBodySchema, 403: errorBodySchema } },
      onRequest: adminOnly,
    },
    async () => ({ users: await repos.users.listAccounts() }),
  );

  api.post(
    '/api/users',
    {
      schema: {
        summary: 'Create a user with a role, a scope and a temporary password',
        description: 'The user must change the password at the first sign-in. The scope level must fit the role and its ids must exist. 409 when the username is taken.',
        tags: ['users'],
        security: bearer,
        body: newUserSchema,
        response: { 201: userAccountResponseSchema, ...errors },
      },
      onRequest: adminOnly,
    },
    async (request, reply) => {
      const { password, ...profile } = request.body;
      if (await repos.users.usernameTaken(profile.username)) throw new HttpError(409, errorCodes.conflict, `username: ${profile.username} is taken`);
      await checkScopeUnits(profile.scope);
      const created = await repos.users.create({ ...profile, passwordHash: await hashPassword(password), mustChangePassword: true });
      await repos.audit.record(request.user!.id, 'user.create', { userId: created.id, username: created.username, role: created.role, scope: created.scope });
      return reply.code(201).send({ user: await accountOr404(created.id) });
    },
  );

  api.put(
    '/api/users/:userId',
    {
      schema: {
        summary: "Set a user's name, role and scope",
        description: 'Takes effect on the next request the user makes. An administrator cannot change their own role.',
        tags: ['users'],
        security: bearer,
        params: userParams,
        body: userProfileSchema,
        response: { 200: userAccountResponseSchema, ...errors },
      },
      onRequest: adminOnly,
    },
    async (request) => {
      const before = await accountOr404(request.params.userId);
      const profile = request.body;
      if (before.id === request.user!.id && profile.role !== before.role) throw new HttpError(409, errorCodes.conflict, 'role: you cannot change your own role');
      await checkScopeUnits(profile.scope);
      await repos.users.updateProfile(before.id, profile);
      await repos.audit.record(request.user!.id, 'user.update', { userId: before.id, before: { name: before.name, role: before.role, scope: before.scope }, after: profile });
      return { user: await accountOr404(before.id) };
    },
  );

  for (const action of ['disable', 'enable'] as const) {
    api.post(
      `/api/users/:userId/${action}`,
      {
        schema: {
          summary: action === 'disable' ? 'Disable a user: their records stay, their tokens stop working at once' : 'Enable a disabled user again',
          tags: ['users'],
          security: bearer,
          params: userParams,
          response: { 200: userAccountResponseSchema, ...errors },
        },
        onRequest: adminOnly,
      },
      async (request) => {
        const account = await accountOr404(request.params.userId);
        if (action === 'disable' && account.id === request.user!.id) throw new HttpError(409, errorCodes.conflict, 'You cannot disable your own account');
        await repos.users.setDisabled(account.id, action === 'disable');
        if (action === 'disable') await repos.sessions.closeAllOf(account.id);
        await repos.audit.record(request.user!.id, `user.${action}`, { userId: account.id });
        return { user: await accountOr404(account.id) };
      },
    );
  }

  api.post(
    '/api/users/:userId/password',
    {
      schema: {
        summary: "Reset a user's password",
        description: "Ends the user's sessions; the user signs in with this password and must change it at once.",
        tags: ['users'],
        security: bearer,
        params: userParams,
        body: passwordResetSchema,
        response: { 200: userAccountResponseSchema, ...errors },
      },
      onRequest: adminOnly,
    },
    async (request) => {
      const account = await accountOr404(request.params.userId);
      await repos.users.setPassword(account.id, await hashPassword(request.body.password), true);
      await repos.sessions.closeAllOf(account.id);
      await repos.audit.record(request.user!.id, 'user.password_reset', { userId: account.id });
      return { user: await accountOr404(account.id) };
    },
  );
};
