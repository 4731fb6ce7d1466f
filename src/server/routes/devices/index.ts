import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod/mini';
import { currentAppVersion, deviceReportSchema, deviceWarnings, fleetSchema } from '../../../shared/devices';
import { errorBodySchema } from '../../../shared/errors';
import { authenticate } from '../../auth/authenticate';
import type { Repositories } from '../../repositories';

const bearer = [{ bearer: [] }];

/** Devices in the field: each reports what it holds after a sync; the office sees the fleet and its warnings. */
export const deviceRoutes: FastifyPluginAsync<{ repos: Repositories; now: () => Date; appVersion?: string }> = async (app, { repos, now, appVersion = currentAppVersion }) => {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.post(
    '/api/devices/report',
    {
      schema: {
        summary: 'Report what this device holds, at the end of a successful sync',
        description:
          'Optional for clients: unsent records by kind, the oldest unsent record’s device time, refused records, app version, persistent storage and free quota. ' +
          'The server keeps the last report per device and its receive time as the device’s last successful sync.',
        tags: ['sync'],
        security: bearer,
        body: deviceReportSchema,
        response: { 204: z.null(), 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema },
      },
      onRequest: authenticate(repos.sessions),
    },
    async (request, reply) => {
      await repos.devices.saveReport(request.user!.id, request.body);
      return reply.code(204).send(null);
    },
  );

  api.get(
    '/api/devices',
    {
      schema: {
        summary: 'The fleet: every device’s last sync, what it still holds, and warnings',
        description: `Warnings: unsent_over_a_day, storage_not_persistent, old_app_version (older than ${appVersion}), refused_records. Devices with warnings come first, then the longest without a sync.`,
        tags: ['sync'],
        security: bearer,
        response: { 200: fleetSchema, 401: errorBodySchema, 403: errorBodySchema },
      },
      onRequest: authenticate(repos.sessions, ['supervisor', 'admin']),
    },
    async () => {
      const at = now();
      const devices = (await repos.devices.listReports()).map((report) => ({ ...report, warnings: deviceWarnings(report, at, appVersion) }));
      // Stable: within each group the repository's order (oldest sync first) stays.
      devices.sort((a, b) => Number(b.warnings.length > 0) - Number(a.warnings.length > 0));
      return { currentAppVersion: appVersion, devices, neverSynced: await repos.devices.fieldUsersWithoutReports() };
    },
  );
};
