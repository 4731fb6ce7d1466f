import { v7 as uuidv7 } from 'uuid';
import type { SessionContent } from '../../src/shared/deliberation/content';
import { sessionRecord, sessionSignatureRecord } from '../../src/shared/deliberation/session';
import { sha256Hex } from '../../src/shared/hashing';
import type { Author } from './records';

/** A filled-in session on property management with two follow-ups; tests vary what they need. */
export function sessionContent(overrides: Partial<SessionContent> = {}): SessionContent {
  return {
    heldOn: '2026-11-20',
    startsAt: '14:00',
    endsAt: '15:30',
    place: ' 社区议事厅 ',
    coHosts: ['王法律明白人', ' '],
    topic: 'property_management',
    title: '小区物业费调整',
    participants: [
      { kind: 'residents', count: 18, names: ['张三', '李四', ''] },
      { kind: 'property_company', count: 2, names: [] },
      { kind: 'others', count: 1, names: [], note: '街道城管' },
    ],
    issuesRaised: '物业费上涨未经业主大会表决。',
    legalOpinions: [{ opinion: '调整物业费应经业主共同决定。', citations: [{ law: '中华人民共和国民法典', article: '第二百七十八条' }] }],
    resolutions: '召开业主大会表决。',
    followUps: [
      { action: '筹备业主大会', owner: '居委会', dueOn: '2026-12-01' },
      { action: '公示物业费测算', owner: '物业公司', dueOn: '2026-11-25' },
    ],
    photos: [],
    ...overrides,
  };
}

export const adviser = { authorId: 'adviser-1', deviceId: 'device-1' };

/** A signed session as a device finalises it: the session, each attendee's and the host's signature, and the images by hash. */
export function signedSession(author: Author, options: { attendees?: number; photos?: number; content?: Partial<SessionContent>; at?: string; sessionId?: string } = {}) {
  const at = options.at ?? '2026-11-20T07:40:00.000Z';
  const by = { authorId: author.id, deviceId: author.deviceId ?? 'device-a' };
  const images = new Map<string, Buffer>();
  const keep = (bytes: Buffer) => {
    const hash = sha256Hex(bytes);
    images.set(hash, bytes);
    return hash;
  };
  const tag = uuidv7();
  const photos = Array.from({ length: options.photos ?? 0 }, (_, index) => {
    const bytes = Buffer.from(`photo ${index} of ${tag}`);
    return { blobHash: keep(bytes), mediaType: 'image/jpeg' as const, bytes: bytes.length };
  });
  const session = sessionRecord(options.sessionId ?? uuidv7(), sessionContent({ photos, ...options.content }), { communityId: author.communityId, hostAdviserId: author.id }, { ...by, createdAt: at, finalisedAt: at });
  const signer = (role: 'attendee' | 'host', index: number) =>
    sessionSignatureRecord(session, { signatureId: uuidv7(), signerRole: role, signerName: role === 'host' ? undefined : `参会人${index + 1}`, blobHash: keep(Buffer.from(`${role} ${index} of ${tag}`)), signedAt: at }, by);
  const signatures = [...Array.from({ length: options.attendees ?? 3 }, (_, index) => signer('attendee', index)), signer('host', 0)];
  return { session, signatures, images };
}
