import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Database } from './db/database';
import { apiNotFound, installErrorHandling } from './errors';
import { createRepositories } from './repositories';
import { z } from 'zod/mini';
import { useSha256 } from '../shared/hashing';
import { recordDataSchemas } from '../shared/records';
import { defaultSyncLimits, type SyncLimits } from '../shared/sync';
import { assignmentRoutes } from './routes/assignments';
import { authRoutes } from './routes/auth';
import { rateLimitStore } from './auth/rate-limit-store';
import { blobRoutes } from './routes/blobs';
import { healthRoutes } from './routes/health';
import { syncRoutes } from './routes/sync';

export interface AppOptions {
  db: Database;
  /** Folder of the built PWA (`dist`); when absent the server answers the API only. */
  staticRoot?: string | undefined;
  logger?: FastifyServerOptions['logger'];
  https?: { cert: Buffer; key: Buffer } | undefined;
  trustProxy?: boolean;
  now?: () => Date;
  sessionLifetimeMs?: number;
  loginRateLimit?: { max: number; timeWindowMs: number };
  syncLimits?: SyncLimits;
}

/** The service worker and the page that loads it must be revalidated, or updates never arrive. */
function cacheControlFor(path: string): string {
  if (/(?:sw\.js|index\.html|results\.html|manifest\.webmanifest|workbox-[^/]*\.js)$/.test(path)) return 'no-cache';
  // Vite fingerprints everything under assets/.
  return /[\\/]assets[\\/]/.test(path) ? 'public, max-age=31536000, immutable' : 'public, max-age=3600';
}

const thirtyDaysMs = 30 * 24 * 60 * 60 * 1000;

useSha256((bytes) => createHash('sha256').update(bytes).digest());

/** Builds the whole server (API, OpenAPI document, PWA) without listening. */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    trustProxy: options.trustProxy ?? false,
    ...(options.https ? { https: options.https } : {}),
  }) as unknown as FastifyInstance;
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorateRequest('user', null);
  installErrorHandling(app);

  const now = options.now ?? (() => new Date());
  const repos = createRepositories(options.db, { now, sessionLifetimeMs: options.sessionLifetimeMs ?? thirtyDaysMs });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Gulou resident-satisfaction survey API',
        description: 'Sign-in, sync and blob contract used by the field PWA and other clients. Every error body is {error: {code, message}}.',
        version: '1.0.0',
      },
      components: {
        securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
        // The per-kind content of pushed records, for clients other than ours.
        schemas: Object.fromEntries(
          Object.entries(recordDataSchemas).map(([kind, schema]) => [`${kind}RecordData`, z.toJSONSchema(schema, { io: 'input' }) as Record<string, unknown>]),
        ),
      },
    },
    transform: jsonSchemaTransform,
    // HEAD /api/blobs/{sha256} is part of the contract.
    exposeHeadRoutes: true,
  });
  // Counted in the database, so that limits hold across every server process.
  await app.register(rateLimit, { global: false, store: rateLimitStore(repos.rateLimits, now) });

  await app.register(healthRoutes, { db: options.db });
  await app.register(authRoutes, {
    repos,
    loginRateLimit: options.loginRateLimit ?? { max: 10, timeWindowMs: 60_000 },
  });
  const syncLimits = options.syncLimits ?? defaultSyncLimits;
  await app.register(syncRoutes, { repos, limits: syncLimits });
  await app.register(blobRoutes, { repos, maxBlobBytes: syncLimits.maxBlobBytes });
  await app.register(assignmentRoutes, { repos });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  const staticRoot = options.staticRoot;
  const servesApp = staticRoot !== undefined && existsSync(join(staticRoot, 'index.html'));
  if (servesApp) {
    await app.register(fastifyStatic, {
      root: staticRoot,
      cacheControl: false,
      setHeaders(reply, path) {
        reply.header('Cache-Control', cacheControlFor(path));
      },
    });
  }

  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    const isPageRequest = request.method === 'GET' && !path.startsWith('/api/') && !/\.\w+$/.test(path);
    if (servesApp && isPageRequest) {
      // Client-side routes (e.g. /home) are served the app shell; /results is the public page's own shell.
      return reply.header('Cache-Control', 'no-cache').sendFile(/^\/results(?:\/|$)/.test(path) ? 'results.html' : 'index.html');
    }
    return reply.code(404).send(apiNotFound(request.method, request.url));
  });

  return app;
}
