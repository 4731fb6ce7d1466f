import type { FastifyInstance } from 'fastify';
import { errorCodes } from '../shared/errors';
import { nestsDeeperThan } from '../shared/validation';
import { HttpError } from './http-error';

/** Far beyond any body of the API (a pushed record nests about six deep), far below a stack's reach. */
export const maxJsonDepth = 32;

/**
 * Fastify's JSON parser (with its prototype-poisoning checks), then a bound on nesting: a body nested
 * thousands deep is refused with 400 before any route, validator or hash walks it recursively.
 */
export function installJsonDepthLimit(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    parseJson(request, body.toString(), (error, parsed) => {
      if (error) return done(error, undefined);
      if (nestsDeeperThan(parsed, maxJsonDepth)) {
        return done(new HttpError(400, errorCodes.invalidRequest, `The JSON body nests deeper than ${maxJsonDepth} levels`), undefined);
      }
      done(null, parsed);
    });
  });
}
