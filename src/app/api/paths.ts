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
  rounds: '/api/rounds',
  round: (roundId: string) => `/api/rounds/${encodeURIComponent(roundId)}`,
  roundScores: (roundId: string) => `/api/rounds/${encodeURIComponent(roundId)}/scores`,
  roundProgress: (roundId: string) => `/api/rounds/${encodeURIComponent(roundId)}/progress`,
  roundExport: (roundId: string, file: string) => `/api/rounds/${encodeURIComponent(roundId)}/export/${file}`,
  publicRounds: '/api/public/rounds',
  publicRoundScores: (roundId: string) => `/api/public/rounds/${encodeURIComponent(roundId)}/scores`,
} as const;
