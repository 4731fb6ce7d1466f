import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Database } from './db/database';
import { apiNotFound, frameworkErrorBody, installErrorHandling } from './errors';
import { createRepositories } from './repositories';
import { z } from 'zod/mini';
import { recordDataSchemas, type RecordVersionRegistry } from '../shared/records';
import { useNativeSha256 } from './native-hashing';
import { createPushPipeline } from './sync/apply-batch';
import { defaultSyncLimits, type SyncLimits } from '../shared/sync';
import { assignmentRoutes } from './routes/assignments';
import { authRoutes } from './routes/auth';
import { blobRoutes } from './routes/blobs';
import { deliberationRoutes } from './routes/deliberation';
import { caseRoutes } from './routes/cases';
import { healthRoutes } from './routes/health';
import { publicRoutes } from './routes/public';
import { questionnaireRoutes } from './routes/questionnaires';
import { defaultOnlineLimits, onlineRoutes, type OnlineLimits } from './routes/online';
import { roundRoutes } from './routes/rounds';
import { exportRoutes } from './routes/rounds/exports';
import { syncRoutes } from './routes/sync';
import { userRoutes } from './routes/users';
import { organisationRoutes } from './routes/organisation';
import { deviceRoutes } from './routes/devices';
import { householdRoutes } from './routes/households';
import { refusalRoutes } from './routes/refusals';
import { createPasswordSlots, defaultPasswordSlots, type PasswordSlots } from './auth/password-slots';
import { defaultBlobGraceDays, defaultBlobQuotaBytes, defaultBlobUploadRate, defaultTimeouts, type ServerTimeouts, type TrustedProxies } from './config';
import type { AccountSlowdown, RateLimit } from './routes/auth';
import { installJsonDepthLimit } from './json-depth';
import { installRequestDecompression } from './request-encoding';
import { installSecurityHeaders } from './security-headers';

export interface AppOptions {
  db: Database;
  /** Folder of the built PWA (`dist`); when absent the server answers the API only. */
  staticRoot?: string | undefined;
  logger?: FastifyServerOptions['logger'];
  https?: { cert: Buffer; key: Buffer } | undefined;
  trustProxy?: TrustedProxies;
  timeouts?: ServerTimeouts;
  now?: () => Date;
  sessionLifetimeMs?: number;
  loginRateLimit?: RateLimit;
  loginAddressLimit?: RateLimit;
  loginAccountLimit?: AccountSlowdown;
  passwordSlots?: PasswordSlots;
  syncLimits?: SyncLimits;
  blobQuotaBytes?: number;
  blobUploadRate?: { maxBytes: number; timeWindowMs: number };
  /** How long an uploaded blob may wait for a record that references it before it is removed. */
  blobGraceMs?: number;
  /** Record kinds' versions and upgrade steps (the shared ones unless a test injects its own). */
  recordVersions?: RecordVersionRegistry;
  /** Rate limits and minimum answering time of the residents' online questionnaire. */
  onlineLimits?: OnlineLimits;
  /** The app version devices should run (package.json's unless a test gives one). */
  appVersion?: string;
}

/** The service worker and the page that loads it must be revalidated, or updates never arrive. */
function cacheControlFor(servedPath: string): string {
  // A precompressed copy (`x.js.br`) is cached like the file it stands for.
  const path = servedPath.replace(/\.(?:br|gz)$/, '');
  if (/(?:sw\.js|index\.html|results\.html|online\.html|manifest\.webmanifest|workbox-[^/]*\.js)$/.test(path)) return 'no-cache';
  // Vite fingerprints everything under assets/.
  return /[\\/]assets[\\/]/.test(path) ? 'public, max-age=31536000, immutable' : 'public, max-age=3600';
}

const dayMs = 24 * 60 * 60 * 1000;
const thirtyDaysMs = 30 * dayMs;
const blobSweepEveryMs = 60 * 60 * 1000;
/** A device back in signal within a day continues its upload; one gone longer starts again. */
const stalledUploadMs = dayMs;

/** A hop count as Fastify applies it at run time (its types lack the number form). */
function fastifyTrustProxy(trusted: TrustedProxies): boolean | string[] | ((address: string, hop: number) => boolean) {
  return typeof trusted === 'number' ? (_address, hop) => hop < trusted : trusted;
}

/** Removes blobs no record came for, and uploads in progress that stalled, when the server starts and every hour after. */
function sweepUnreferencedBlobs(app: FastifyInstance, repos: ReturnType<typeof createRepositories>, now: () => Date, graceMs: number): void {
  const sweep = async () => {
    try {
      const removed = await repos.blobs.removeUnreferenced(new Date(now().getTime() - graceMs));
      if (removed > 0) app.log.info(`Removed ${removed} blobs that no record references`);
      const stalled = await repos.blobUploads.removeStale(new Date(now().getTime() - stalledUploadMs));
      if (stalled > 0) app.log.info(`Removed ${stalled} blob uploads that received nothing for a day`);
    } catch (error) {
      app.log.error({ err: error }, 'sweeping unreferenced blobs failed');
    }
  };
  let timer: NodeJS.Timeout | undefined;
  app.addHook('onReady', async () => {
    await sweep();
    timer = setInterval(() => void sweep(), blobSweepEveryMs).unref();
  });
  app.addHook('onClose', async () => clearInterval(timer));
}

/** Builds the whole server (API, OpenAPI document, PWA) without listening. */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  useNativeSha256();
  const timeouts = options.timeouts ?? defaultTimeouts;
  // How often Node checks the header and request timeouts of open connections.
  const nodeServerTimeouts = { headersTimeout: timeouts.headersMs, connectionsCheckingInterval: Math.min(1000, timeouts.headersMs) };
  const app = Fastify({
    logger: options.logger ?? false,
    trustProxy: fastifyTrustProxy(options.trustProxy ?? false),
    requestTimeout: timeouts.requestMs,
    keepAliveTimeout: timeouts.keepAliveMs,
    connectionTimeout: timeouts.connectionMs,
    frameworkErrors: frameworkErrorBody,
    ...(options.https ? { https: { ...options.https, ...nodeServerTimeouts } } : { http: nodeServerTimeouts }),
  }) as unknown as FastifyInstance;
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorateRequest('user', null);
  installErrorHandling(app);
  installJsonDepthLimit(app);
  installRequestDecompression(app);

  const now = options.now ?? (() => new Date());
  const repos = createRepositories(options.db, { now, sessionLifetimeMs: options.sessionLifetimeMs ?? thirtyDaysMs });
  const push = createPushPipeline(options.db, { now, ...(options.recordVersions ? { recordVersions: options.recordVersions } : {}) });

  await installSecurityHeaders(app, { servesTls: options.https !== undefined });

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
  await app.register(healthRoutes, { health: repos.health });
  await app.register(authRoutes, {
    repos,
    now,
    loginRateLimit: options.loginRateLimit ?? { max: 10, timeWindowMs: 60_000 },
    loginAddressLimit: options.loginAddressLimit ?? { max: 30, timeWindowMs: 15 * 60_000 },
    loginAccountLimit: options.loginAccountLimit ?? { freeFailures: 10, timeWindowMs: 15 * 60_000, maxDelayMs: 60_000 },
    passwordSlots: options.passwordSlots ?? createPasswordSlots(defaultPasswordSlots),
  });
  const syncLimits = options.syncLimits ?? defaultSyncLimits;
  await app.register(syncRoutes, { repos, limits: syncLimits, push });
  await app.register(blobRoutes, {
    repos,
    now,
    maxBlobBytes: syncLimits.maxBlobBytes,
    quotaBytes: options.blobQuotaBytes ?? defaultBlobQuotaBytes,
    uploadRate: options.blobUploadRate ?? defaultBlobUploadRate,
  });
  sweepUnreferencedBlobs(app, repos, now, options.blobGraceMs ?? defaultBlobGraceDays * dayMs);
  await app.register(assignmentRoutes, { repos });
  await app.register(roundRoutes, { repos, now });
  await app.register(exportRoutes, { repos });
  await app.register(publicRoutes, { repos });
  await app.register(questionnaireRoutes, { repos });
  await app.register(deliberationRoutes, { repos, now });
  await app.register(onlineRoutes, { repos, now, limits: options.onlineLimits ?? defaultOnlineLimits });
  await app.register(caseRoutes, { repos, now });
  await app.register(userRoutes, { repos });
  await app.register(organisationRoutes, { repos });
  await app.register(householdRoutes, { repos });
  await app.register(deviceRoutes, { repos, now, ...(options.appVersion ? { appVersion: options.appVersion } : {}) });
  await app.register(refusalRoutes, { repos, now, push });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  const staticRoot = options.staticRoot;
  const servesApp = staticRoot !== undefined && existsSync(join(staticRoot, 'index.html'));
  if (servesApp) {
    await app.register(fastifyStatic, {
      root: staticRoot,
      // Brotli or gzip copies made at build time, chosen by Accept-Encoding.
      preCompressed: true,
      // Source maps are for the bench and debugging, never for the public.
      allowedPath: (path) => !path.endsWith('.map'),
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
      // Client-side routes (e.g. /home) are served the app shell; /results and /q (the residents'
      // questionnaire) have shells of their own.
      const shell = /^\/results(?:\/|$)/.test(path) ? 'results.html' : /^\/q(?:\/|$)/.test(path) ? 'online.html' : 'index.html';
      return reply.header('Cache-Control', 'no-cache').sendFile(shell);
    }
    return reply.code(404).send(apiNotFound(request.method, request.url));
  });

  return app;
}
