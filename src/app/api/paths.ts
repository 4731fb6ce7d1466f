/** Every API path the app calls, in one place. */
export const apiPaths = {
  health: '/api/health',
  login: '/api/auth/login',
  me: '/api/auth/me',
  logout: '/api/auth/logout',
  syncConfig: '/api/sync/config',
  syncPush: '/api/sync/push',
  syncPull: '/api/sync/pull',
  blob: (sha256: string) => `/api/blobs/${sha256}`,
} as const;
