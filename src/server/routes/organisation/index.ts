import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errorBodySchema } from '../../../shared/errors';
import { organisationListSchema } from '../../../shared/organisation';
import { authenticate } from '../../auth/authenticate';
import type { Repositories } from '../../repositories';

/** The whole organisation for the office (scope editors, register imports), whatever the caller's own scope. */
export const organisationRoutes: FastifyPluginAsync<{ repos: Repositories }> = async (app, { repos }) => {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/organisation',
    {
      schema: {
        summary: 'Every sub-district and community',
        tags: ['organisation'],
        security: [{ bearer: [] }],
        response: { 200: organisationListSchema, 401: errorBodySchema, 403: errorBodySchema },
      },
      onRequest: authenticate(repos.sessions, ['supervisor', 'admin']),
    },
    async () => ({ subdistricts: await repos.organisation.listSubdistricts(), communities: await repos.organisation.listCommunities() }),
  );
};
