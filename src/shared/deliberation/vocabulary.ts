/**
 * The words a legal deliberation session (援法议事) is recorded in: its topic categories (the five
 * hot issues of evaluation-framework.json the sessions address, plus other), who takes part, and
 * how a follow-up action stands. Ids are stable: records store them.
 */
export const deliberationTopics = ['environment_cleanup', 'old_estate_renovation', 'property_management', 'illegal_structures', 'ev_charging', 'other'] as const;
export type DeliberationTopic = (typeof deliberationTopics)[number];

/** How each topic reads, once for the session form, the lists and the minutes. */
export const topicLabels: Record<DeliberationTopic, { zh: string; en: string }> = {
  environment_cleanup: { zh: '环境整治', en: 'Environmental clean-up' },
  old_estate_renovation: { zh: '老旧小区出新', en: 'Renovation of old estates' },
  property_management: { zh: '物业管理', en: 'Property management' },
  illegal_structures: { zh: '违建拆除', en: 'Demolition of illegal structures' },
  ev_charging: { zh: '安装充电桩', en: 'Installing EV charging points' },
  other: { zh: '其他', en: 'Other' },
};

export const participantKinds = ['residents', 'residents_committee', 'property_company', 'owners_committee', 'party_members', 'deputies', 'others'] as const;
export type ParticipantKind = (typeof participantKinds)[number];

export const followUpStatuses = ['done', 'partly', 'blocked'] as const;
export type FollowUpStatus = (typeof followUpStatuses)[number];

/** Bounds of one session record: far above a real session, far below what would hurt a phone or the server. */
export const sessionLimits = {
  coHosts: 10,
  participantGroups: 20,
  namesPerGroup: 200,
  legalOpinions: 30,
  citationsPerOpinion: 20,
  followUps: 50,
  photos: 20,
} as const;
