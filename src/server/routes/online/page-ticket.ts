import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The online page's ticket: the server's time of serving it and a MAC over that time and the link,
 * so a submission's answering time runs on the server's clock. Not secret from the resident, only
 * unforgeable; a replayed ticket gains nothing, since its time only grows older.
 */
function mac(key: Buffer, roundId: string, communityId: string, servedAtMs: number): string {
  return createHmac('sha256', key).update(`${roundId}|${communityId}|${servedAtMs}`).digest('base64url');
}

export function issuePageTicket(key: Buffer, roundId: string, communityId: string, servedAt: Date): string {
  const servedAtMs = servedAt.getTime();
  return `${servedAtMs}.${mac(key, roundId, communityId, servedAtMs)}`;
}

/** When this link's page was served, or undefined for a ticket of another link, a forged one, or one from the future. */
export function pageServedAt(key: Buffer, roundId: string, communityId: string, ticket: string, now: Date): Date | undefined {
  const [time = '', given = ''] = ticket.split('.');
  const servedAtMs = Number(time);
  if (!Number.isSafeInteger(servedAtMs) || servedAtMs > now.getTime()) return undefined;
  const expected = Buffer.from(mac(key, roundId, communityId, servedAtMs));
  const actual = Buffer.from(given);
  return actual.length === expected.length && timingSafeEqual(actual, expected) ? new Date(servedAtMs) : undefined;
}
