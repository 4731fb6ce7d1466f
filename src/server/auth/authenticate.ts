import type { FastifyReply, FastifyRequest } from 'fastify';
import type { SessionUser } from '../../shared/auth';
import { errorCodes } from '../../shared/errors';
import type { Role } from '../../shared/roles';
import { HttpError } from '../http-error';
import type { SessionsRepository } from '../repositories/sessions';

declare module 'fastify' {
  interface FastifyRequest {
    user: SessionUser | null;
  }
}

export function bearerToken(request: FastifyRequest): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
  return match?.[1];
}

/** A preHandler that admits requests with a live bearer token (and, if given, one of `roles`). */
export function authenticate(sessions: SessionsRepository, roles?: readonly Role[]) {
  return async (request: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    const token = bearerToken(request);
    const user = token ? await sessions.findUser(token) : undefined;
    if (!user) {
      throw new HttpError(401, errorCodes.unauthenticated, 'Sign-in required: the token is missing, expired or revoked');
    }
    if (roles && !roles.includes(user.role)) {
      throw new HttpError(403, errorCodes.forbidden, `The role ${user.role} may not do this`);
    }
    request.user = user;
  };
}
