import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod/mini';
import { loginRequestSchema, loginResponseSchema, sessionUserSchema } from '../../../shared/auth';
import { errorBodySchema, errorCodes } from '../../../shared/errors';
import { passwordChangeSchema } from '../../../shared/users';
import { authenticate, bearerToken } from '../../auth/authenticate';
import type { PasswordSlots } from '../../auth/password-slots';
import { hashPassword, unknownUserHash, verifyPassword } from '../../auth/passwords';
import { HttpError } from '../../http-error';
import type { Repositories } from '../../repositories';

export interface RateLimit {
  max: number;
  timeWindowMs: number;
}

export interface AuthRouteOptions {
  repos: Repositories;
  /** Attempts per client address and username. */
  loginRateLimit: RateLimit;
  /** Failed attempts per client address, whatever the username: stops spraying many names. */
  loginAddressLimit: RateLimit;
  passwordSlots: PasswordSlots;
}

const invalidCredentials = () =>
  new HttpError(401, errorCodes.invalidCredentials, 'Wrong username or password');

function retryAfterSeconds(until: Date, now: Date): number {
  return Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
}

export const authRoutes: FastifyPluginAsync<AuthRouteOptions & { now: () => Date }> = async (app, { repos, loginRateLimit, loginAddressLimit, passwordSlots, now }) => {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const failuresKey = (request: FastifyRequest) => `login-failures|${request.ip}`;

  /** Runs before the body is read: an address that has failed too often costs one lookup. */
  async function refuseSprayingAddress(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const failures = await repos.rateLimits.peek(failuresKey(request));
    if (failures && failures.hits >= loginAddressLimit.max) {
      reply.header('retry-after', retryAfterSeconds(failures.windowEndsAt, now()));
      throw new HttpError(429, errorCodes.rateLimited, 'Too many failed sign-ins from this address; try again later');
    }
  }

  async function verifyInTurn(password: string, hash: string, reply: FastifyReply): Promise<boolean> {
    const slot = passwordSlots.acquire();
    if (!slot) {
      reply.header('retry-after', 1);
      throw new HttpError(503, errorCodes.unavailable, 'Too many sign-ins at once; try again in a moment');
    }
    const release = await slot;
    try {
      return await verifyPassword(password, hash);
    } finally {
      release();
    }
  }

  api.post(
    '/api/auth/login',
    {
      schema: {
        summary: 'Sign in; returns a bearer token',
        description:
          'Unknown users and wrong passwords get the same 401 answer. Rate-limited per client address and username ' +
          `(${loginRateLimit.max} attempts per ${loginRateLimit.timeWindowMs / 1000} s) and per address across usernames ` +
          `(${loginAddressLimit.max} failures per ${loginAddressLimit.timeWindowMs / 1000} s): 429 with Retry-After. ` +
          'When too many sign-ins are being checked at once: 503 with Retry-After.',
        tags: ['auth'],
        body: loginRequestSchema,
        response: { 200: loginResponseSchema, 400: errorBodySchema, 401: errorBodySchema, 429: errorBodySchema, 503: errorBodySchema },
      },
      onRequest: refuseSprayingAddress,
      config: {
        rateLimit: {
          max: loginRateLimit.max,
          timeWindow: loginRateLimit.timeWindowMs,
          hook: 'preHandler',
          keyGenerator: (request) => `${request.ip}|${(request.body as { username?: string } | undefined)?.username ?? ''}`,
        },
      },
    },
    async (request, reply) => {
      const { username, password } = request.body;
      const user = await repos.users.findActiveByUsername(username);
      // Verify against a dummy hash for unknown users so that timing does not reveal who exists.
      const valid = await verifyInTurn(password, user?.passwordHash ?? (await unknownUserHash), reply);
      if (!user || !valid) {
        await repos.rateLimits.hit(failuresKey(request), loginAddressLimit.timeWindowMs);
        await repos.audit.record(user?.id ?? null, 'auth.login_failed', { username, ip: request.ip });
        throw invalidCredentials();
      }
      const { token, expiresAt } = await repos.sessions.open(user.id);
      await repos.audit.record(user.id, 'auth.login', { ip: request.ip });
      const { passwordHash: _omitted, ...sessionUser } = user;
      return { token, expiresAt, user: sessionUser };
    },
  );

  api.get(
    '/api/auth/me',
    {
      schema: {
        summary: 'The signed-in user',
        tags: ['auth'],
        security: [{ bearer: [] }],
        response: { 200: z.object({ user: sessionUserSchema }), 401: errorBodySchema },
      },
      onRequest: authenticate(repos.sessions, undefined, { beforePasswordChange: true }),
    },
    async (request) => ({ user: request.user! }),
  );

  api.post(
    '/api/auth/logout',
    {
      schema: {
        summary: 'Revoke the bearer token',
        tags: ['auth'],
        security: [{ bearer: [] }],
        response: { 204: z.null(), 401: errorBodySchema },
      },
      onRequest: authenticate(repos.sessions, undefined, { beforePasswordChange: true }),
    },
    async (request, reply) => {
      await repos.sessions.close(bearerToken(request)!);
      return reply.code(204).send(null);
    },
  );

  api.post(
    '/api/auth/password',
    {
      schema: {
        summary: 'Change your own password',
        description:
          'Needs the current password. Required after the administrator set or reset it (until then other routes answer 403 `password_change_required`). ' +
          'Ends your other sessions; this token stays valid. 400 `invalid_credentials` when the current password is wrong or the new one is the same.',
        tags: ['auth'],
        security: [{ bearer: [] }],
        body: passwordChangeSchema,
        response: { 200: z.object({ user: sessionUserSchema }), 400: errorBodySchema, 401: errorBodySchema, 503: errorBodySchema },
      },
      onRequest: authenticate(repos.sessions, undefined, { beforePasswordChange: true }),
    },
    async (request, reply) => {
      const user = request.user!;
      const stored = await repos.users.findStoredById(user.id);
      const { currentPassword, newPassword } = request.body;
      if (!stored || !(await verifyInTurn(currentPassword, stored.passwordHash, reply))) {
        throw new HttpError(400, errorCodes.invalidCredentials, 'currentPassword: wrong password');
      }
      if (newPassword === currentPassword) throw new HttpError(400, errorCodes.invalidCredentials, 'newPassword: must differ from the current one');
      await repos.users.setPassword(user.id, await hashPassword(newPassword), false);
      await repos.sessions.closeAllOf(user.id, bearerToken(request));
      await repos.audit.record(user.id, 'auth.password_changed', { ip: request.ip });
      const { mustChangePassword: _cleared, ...changed } = user;
      return { user: changed };
    },
  );
};
