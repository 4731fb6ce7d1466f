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
  /** Failed attempts per client address and username. */
  loginRateLimit: RateLimit;
  /** Failed attempts per client address, whatever the username: stops spraying many names. */
  loginAddressLimit: RateLimit;
  loginAccountLimit: AccountSlowdown;
  passwordSlots: PasswordSlots;
}

/**
 * Failed sign-ins per account from anywhere, for guessing spread over many addresses. Past
 * `freeFailures` in the window, a device that has not signed in to the account before waits
 * before each try, twice as long after each failure (up to `maxDelayMs`). A device holding a
 * sign-in key of the account never waits, so an attacker slows the guessing down, not the worker.
 */
export interface AccountSlowdown {
  freeFailures: number;
  timeWindowMs: number;
  maxDelayMs: number;
}

const invalidCredentials = () =>
  new HttpError(401, errorCodes.invalidCredentials, 'Wrong username or password');

function retryAfterSeconds(until: Date, now: Date): number {
  return Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
}

/** The wait after the account's `failures`-th failure in its window, none while within the free ones. */
export function accountDelayMs(failures: number, limit: AccountSlowdown): number {
  const beyond = failures - limit.freeFailures;
  return beyond <= 0 ? 0 : Math.min(limit.maxDelayMs, 1000 * 2 ** (beyond - 1));
}

export const authRoutes: FastifyPluginAsync<AuthRouteOptions & { now: () => Date }> = async (
  app,
  { repos, loginRateLimit, loginAddressLimit, loginAccountLimit, passwordSlots, now },
) => {
  const api = app.withTypeProvider<ZodTypeProvider>();
  // Started now, so that the first sign-in of an unknown user waits no longer than a known one's.
  const unknownHash = unknownUserHash();
  const addressKey = (request: FastifyRequest) => `login-failures|${request.ip}`;
  const pairKey = (request: FastifyRequest, username: string) => `login-failures|${request.ip}|${username}`;
  const accountKey = (username: string) => `login-account-failures|${username}`;
  const accountWaitKey = (username: string) => `login-account-wait|${username}`;

  async function refuseWhileCounted(key: string, max: number, message: string, reply: FastifyReply): Promise<void> {
    const counted = await repos.rateLimits.peek(key);
    if (counted && counted.hits >= max) {
      reply.header('retry-after', retryAfterSeconds(counted.windowEndsAt, now()));
      throw new HttpError(429, errorCodes.rateLimited, message);
    }
  }

  /** Runs before the body is read: an address that has failed too often costs one lookup. */
  async function refuseSprayingAddress(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    await refuseWhileCounted(addressKey(request), loginAddressLimit.max, 'Too many failed sign-ins from this address; try again later', reply);
  }

  /** Only failed credentials count: a sign-in refused for load (503) or one that succeeds costs nothing. */
  async function countFailure(request: FastifyRequest, username: string, slowedDown: boolean): Promise<void> {
    await repos.rateLimits.hit(addressKey(request), loginAddressLimit.timeWindowMs);
    await repos.rateLimits.hit(pairKey(request, username), loginRateLimit.timeWindowMs);
    const { hits } = await repos.rateLimits.hit(accountKey(username), loginAccountLimit.timeWindowMs);
    const delay = accountDelayMs(hits, loginAccountLimit);
    if (slowedDown && delay > 0) await repos.rateLimits.hit(accountWaitKey(username), delay);
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
          'Unknown users and wrong passwords get the same 401 answer. Only failed sign-ins are counted: ' +
          `${loginRateLimit.max} per client address and username per ${loginRateLimit.timeWindowMs / 1000} s, and ` +
          `${loginAddressLimit.max} per address across usernames per ${loginAddressLimit.timeWindowMs / 1000} s; beyond either, 429 with Retry-After. ` +
          `Per account from any address: after ${loginAccountLimit.freeFailures} failures in ${loginAccountLimit.timeWindowMs / 1000} s, ` +
          `each further try waits (1 s, doubling after each failure, at most ${loginAccountLimit.maxDelayMs / 1000} s; 429 with Retry-After meanwhile), ` +
          'except from a device that sends a `signInKey` this account received on an earlier successful sign-in. ' +
          'Every successful sign-in answers a `signInKey` for the device to keep and send with its next sign-ins to this account. ' +
          'When too many sign-ins are being checked at once: 503 with Retry-After (not counted).',
        tags: ['auth'],
        body: loginRequestSchema,
        response: { 200: loginResponseSchema, 400: errorBodySchema, 401: errorBodySchema, 429: errorBodySchema, 503: errorBodySchema },
      },
      onRequest: refuseSprayingAddress,
    },
    async (request, reply) => {
      const { username, password, signInKey } = request.body;
      await refuseWhileCounted(pairKey(request, username), loginRateLimit.max, 'Too many failed sign-ins; try again later', reply);
      const user = await repos.users.findActiveByUsername(username);
      const knownDevice = user !== undefined && signInKey !== undefined && (await repos.signInKeys.belongsTo(user.id, signInKey));
      if (!knownDevice) {
        await refuseWhileCounted(accountWaitKey(username), 1, 'Too many failed sign-ins for this account; try again in a moment', reply);
      }
      // Verify against a dummy hash for unknown users so that timing does not reveal who exists.
      const valid = await verifyInTurn(password, user?.passwordHash ?? (await unknownHash), reply);
      if (!user || !valid) {
        await countFailure(request, username, !knownDevice);
        await repos.audit.record(user?.id ?? null, 'auth.login_failed', { username, ip: request.ip });
        throw invalidCredentials();
      }
      const { token, expiresAt } = await repos.sessions.open(user.id);
      const keptKey = knownDevice ? signInKey : await repos.signInKeys.issue(user.id);
      await repos.audit.record(user.id, 'auth.login', { ip: request.ip });
      const { passwordHash: _omitted, ...sessionUser } = user;
      return { token, expiresAt, user: sessionUser, signInKey: keptKey };
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
