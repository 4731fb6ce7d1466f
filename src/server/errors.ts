import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { errorCodes, type ErrorBody, type ErrorCode } from '../shared/errors';
import { joinIssues } from '../shared/validation';
import { HttpError } from './http-error';

function body(code: ErrorCode, message: string): ErrorBody {
  return { error: { code, message } };
}

const codeByStatus: Record<number, ErrorCode> = {
  400: errorCodes.invalidRequest,
  401: errorCodes.unauthenticated,
  403: errorCodes.forbidden,
  404: errorCodes.notFound,
  409: errorCodes.conflict,
  413: errorCodes.payloadTooLarge,
  429: errorCodes.rateLimited,
};

/** Enough to fix a request: a body of a million bad items does not make a message of a million parts. */
export function validationMessage(context: string, issues: ReadonlyArray<{ instancePath: string; message?: string | undefined }>): string {
  return `Invalid request: ${joinIssues(issues.map((issue) => `${context}${issue.instancePath.replaceAll('/', '.')}: ${issue.message}`))}`;
}

/** Maps every error to `{error: {code, message}}`; a 5xx never reveals its cause to the client. */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof HttpError) {
      return reply.code(error.statusCode).send(body(error.code, error.message));
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      return reply.code(400).send(body(errorCodes.invalidRequest, validationMessage(error.validationContext ?? 'request', error.validation)));
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      return reply.code(status).send(body(codeByStatus[status] ?? errorCodes.invalidRequest, error.message));
    }
    request.log.error({ err: error }, 'request failed');
    return reply.code(500).send(body(errorCodes.internal, 'Internal server error'));
  });
}

/** Errors the router raises before any route (a malformed or overlong URL), in the same shape. */
export function frameworkErrorBody(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const status = error.statusCode ?? 400;
  void reply.code(status).send(body(codeByStatus[status] ?? errorCodes.invalidRequest, error.message));
}

export function apiNotFound(method: string, url: string): ErrorBody {
  return body(errorCodes.notFound, `No API route ${method} ${url.split('?')[0]}`);
}
