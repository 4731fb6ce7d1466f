import { surveyEn } from './survey.en';
import type { Messages } from './zh-CN';

export const en: Messages = {
  survey: surveyEn,
  app: { name: 'Gulou Resident Satisfaction Survey', skipToContent: 'Skip to content' },
  language: { label: 'Language', switchTo: '中文' },
  network: { online: 'Online', offline: 'Offline: records stay on this device and sync when back online' },
  login: {
    title: 'Sign in',
    intro: 'Grid workers, legal advisers, sub-district and evaluation-office staff: sign in with the account you were given.',
    username: 'Username',
    password: 'Password',
    submit: 'Sign in',
    submitting: 'Signing in…',
    errors: {
      invalid_credentials: 'Wrong username or password.',
      rate_limited: 'Too many attempts. Please wait a minute and try again.',
      network: 'Cannot reach the server. The first sign-in needs a connection; please try again when online.',
      invalid_request: 'Please enter your username and password.',
      other: 'Sign-in failed: {message}',
    },
  },
  session: {
    signOut: 'Sign out',
    signedInAs: 'Signed in as {name} ({role})',
    expired: 'Your sign-in has expired. Saved records are kept; sign in again to resume syncing.',
    signInAgain: 'Sign in again',
  },
  roles: {
    grid_worker: 'Grid worker',
    legal_adviser: 'Legal adviser',
    subdistrict_officer: 'Sub-district officer',
    supervisor: 'Evaluation office',
    admin: 'Administrator',
  },
  home: {
    title: '{role} home',
    empty: 'Nothing here yet',
    gridWorker: { visits: "Today's visits", drafts: 'Unfinished questionnaires', revisits: 'Revisits', outbox: 'Waiting to sync' },
    legalAdviser: { sessions: 'Legal deliberation sessions', drafts: 'Drafts', outbox: 'Waiting to sync' },
    subdistrictOfficer: { results: 'Results of this sub-district', negativeList: 'Negative-feedback list', rectification: 'Rectification' },
    supervisor: { scores: 'Scores and rankings', negativeList: 'Negative-feedback list', rectification: 'Rectification tracking', publish: 'Publication' },
    admin: { users: 'Users and roles', organisation: 'Sub-districts and communities', questionnaires: 'Questionnaire templates', rounds: 'Rounds' },
  },
  pwa: {
    updateAvailable: 'A new version is available.',
    update: 'Update now',
    later: 'Later',
    offlineReady: 'The app now works offline.',
  },
  notFound: { title: 'Page not found', back: 'Back to home' },
};
