import type { z } from 'zod/mini';
import { currentOnlineStateSchema, currentOnlineStateVersion, onlineDraftSchema, readOnlineStateShape } from './shapes/online-state';

/**
 * What the resident's page keeps on the phone, in localStorage: small, synchronous, and without
 * IndexedDB's code in a page that must stay light. One device token for the browser; per round and
 * community the page as last loaded, the answers being given, and the submission until the server
 * has it, so that answers survive a reload and reach the server when the network returns.
 */

const tokenKey = 'online:device-token';

export type OnlineDraft = z.infer<typeof onlineDraftSchema>;
export type OnlineStoredState = Omit<z.infer<typeof currentOnlineStateSchema>, 'version'>;

function stateKey(roundId: string, communityId: string): string {
  return `online:${roundId}:${communityId}`;
}

/** 128 random bits, base64url: the only thing that tells this phone's answers apart, and it names no one. */
function randomToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** This browser's token, made on first use and kept. */
export function onlineDeviceToken(): string {
  const stored = globalThis.localStorage.getItem(tokenKey);
  if (stored) return stored;
  const token = randomToken();
  globalThis.localStorage.setItem(tokenKey, token);
  return token;
}

/**
 * What is kept for a round and community, in the current shape (an older one is upgraded); only
 * what no version of this app wrote counts as nothing kept.
 */
export function readOnlineState(roundId: string, communityId: string): OnlineStoredState {
  const raw = globalThis.localStorage.getItem(stateKey(roundId, communityId));
  if (raw === null) return {};
  try {
    return readOnlineStateShape(JSON.parse(raw)) ?? {};
  } catch {
    return {};
  }
}

/**
 * Another community of the round that this phone has already answered for, with the page kept for
 * it: one phone answers once per round, whichever community's code it scans.
 */
export function answeredElsewhere(roundId: string, communityId: string): { communityId: string; survey?: OnlineStoredState['survey'] } | undefined {
  const prefix = stateKey(roundId, '');
  for (let index = 0; index < globalThis.localStorage.length; index += 1) {
    const key = globalThis.localStorage.key(index);
    if (!key?.startsWith(prefix) || key === stateKey(roundId, communityId)) continue;
    const other = key.slice(prefix.length);
    const kept = readOnlineState(roundId, other);
    if (kept.sentAt) return { communityId: other, survey: kept.survey };
  }
  return undefined;
}

/** Replaces what is kept for a round and community. Throws when the phone's storage is full. */
export function writeOnlineState(roundId: string, communityId: string, state: OnlineStoredState): void {
  globalThis.localStorage.setItem(stateKey(roundId, communityId), JSON.stringify({ version: currentOnlineStateVersion, ...state }));
}
