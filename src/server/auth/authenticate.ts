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

function hasBody(request: FastifyRequest): boolean {
  const length = Number(request.headers['content-length'] ?? 0);
  return length > 0 || request.headers['transfer-encoding'] !== undefined;
}

export interface AuthenticateOptions {
  /** Admits a user who must first change the password the administrator set (sign-in, own account, logout). */
  beforePasswordChange?: boolean;
}

/**
 * An `onRequest` hook that admits requests with a live bearer token (and, if given, one of `roles`).
 * It runs before the body is read, parsed or validated, so a stranger costs one token lookup; a
 * refused request that still has a body coming closes its connection, so a slow body is cut at once.
 */
export function authenticate(sessions: SessionsRepository, roles?: readonly Role[], options: AuthenticateOptions = {}) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const token = bearerToken(request);
    const user = token ? await sessions.findUser(token) : undefined;
    const refusal = !user
      ? new HttpError(401, errorCodes.unauthenticated, 'Sign-in required: the token is missing, expired or revoked')
      : roles && !roles.includes(user.role)
        ? new HttpError(403, errorCodes.forbidden, `The role ${user.role} may not do this`)
        : user.mustChangePassword && !options.beforePasswordChange
          ? new HttpError(403, errorCodes.passwordChangeRequired, 'Change the password the administrator set before anything else')
          : undefined;
    if (refusal) {
      if (hasBody(request)) reply.header('connection', 'close');
      throw refusal;
    }
    request.user = user!;
  };
}
