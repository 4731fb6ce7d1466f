import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod/mini';
import { loginRequestSchema, loginResponseSchema, sessionUserSchema } from '../../../shared/auth';
import { errorBodySchema, errorCodes } from '../../../shared/errors';
import { authenticate, bearerToken } from '../../auth/authenticate';
import { unknownUserHash, verifyPassword } from '../../auth/passwords';
import { HttpError } from '../../http-error';
import type { Repositories } from '../../repositories';

export interface AuthRouteOptions {
  repos: Repositories;
  loginRateLimit: { max: number; timeWindowMs: number };
}

const invalidCredentials = () =>
  new HttpError(401, errorCodes.invalidCredentials, 'Wrong username or password');

export const authRoutes: FastifyPluginAsync<AuthRouteOptions> = async (app, { repos, loginRateLimit }) => {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.post(
    '/api/auth/login',
    {
      schema: {
        summary: 'Sign in; returns a bearer token',
        description: 'Unknown users and wrong passwords get the same 401 answer. Rate-limited per client address and username.',
        tags: ['auth'],
        body: loginRequestSchema,
        response: { 200: loginResponseSchema, 400: errorBodySchema, 401: errorBodySchema, 429: errorBodySchema },
      },
      config: {
        rateLimit: {
          max: loginRateLimit.max,
          timeWindow: loginRateLimit.timeWindowMs,
          hook: 'preHandler',
          keyGenerator: (request) => `${request.ip}|${(request.body as { username?: string } | undefined)?.username ?? ''}`,
        },
      },
    },
    async (request) => {
      const { username, password } = request.body;
      const user = await repos.users.findActiveByUsername(username);
      // Verify against a dummy hash for unknown users so that timing does not reveal who exists.
      const valid = await verifyPassword(password, user?.passwordHash ?? (await unknownUserHash));
      if (!user || !valid) throw invalidCredentials();
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
      preHandler: authenticate(repos.sessions),
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
      preHandler: authenticate(repos.sessions),
    },
    async (request, reply) => {
      await repos.sessions.close(bearerToken(request)!);
      return reply.code(204).send(null);
    },
  );
};
