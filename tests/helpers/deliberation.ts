import type { SessionContent } from '../../src/shared/deliberation/session';

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
