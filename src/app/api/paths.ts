/** Every API path the app calls, in one place. */
export const apiPaths = {
  health: '/api/health',
  login: '/api/auth/login',
  me: '/api/auth/me',
  logout: '/api/auth/logout',
} as const;
