import { z } from 'zod/mini';

/** Every error the server sends has this body, and nothing else: no stack traces. */
export const errorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
  }),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;

export const errorCodes = {
  invalidRequest: 'invalid_request',
  invalidCredentials: 'invalid_credentials',
  unauthenticated: 'unauthenticated',
  forbidden: 'forbidden',
  notFound: 'not_found',
  rateLimited: 'rate_limited',
  payloadTooLarge: 'payload_too_large',
  conflict: 'conflict',
  unavailable: 'unavailable',
  internal: 'internal_error',
  roundClosed: 'round_closed',
  alreadyAnswered: 'already_answered',
  submissionRefused: 'submission_refused',
  passwordChangeRequired: 'password_change_required',
} as const;
export type ErrorCode = (typeof errorCodes)[keyof typeof errorCodes];
