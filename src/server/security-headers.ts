import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

/** Camera for the photos field workers will take; every other powerful feature off. */
const permissionsPolicy = 'camera=(self), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=()';

/** The policy a downloaded blob is served with: it may never run or load anything. */
export const blobContentSecurityPolicy = "default-src 'none'; sandbox";

/**
 * Security headers on every answer. The built app has no inline script or style (Vite emits files;
 * the service worker is registered from a module), so the policy allows this origin only.
 * HSTS only when this process serves TLS itself: behind a proxy, the proxy sets it.
 */
export async function installSecurityHeaders(app: FastifyInstance, { servesTls }: { servesTls: boolean }): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'"],
        workerSrc: ["'self'"],
        manifestSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: servesTls ? { maxAge: 31_536_000, includeSubDomains: true } : false,
  });
  app.addHook('onSend', async (request, reply) => {
    reply.header('permissions-policy', permissionsPolicy);
    // API answers (sign-in tokens, personal data) are never kept by a browser or a proxy.
    if (request.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
  });
}
