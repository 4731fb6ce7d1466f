import type { DeliberationTopic } from '../records/deliberation/vocabulary';

/**
 * The words a legal deliberation session (援法议事) is recorded in. The ids and bounds are part of
 * the session's record versions (`records/deliberation/vocabulary.ts`); here is how they read.
 */
export { deliberationTopics, followUpStatuses, participantKinds, sessionLimits } from '../records/deliberation/vocabulary';
export type { DeliberationTopic, FollowUpStatus, ParticipantKind } from '../records/deliberation/vocabulary';

/** How each topic reads, once for the session form, the lists and the minutes. */
export const topicLabels: Record<DeliberationTopic, { zh: string; en: string }> = {
  environment_cleanup: { zh: '环境整治', en: 'Environmental clean-up' },
  old_estate_renovation: { zh: '老旧小区出新', en: 'Renovation of old estates' },
  property_management: { zh: '物业管理', en: 'Property management' },
  illegal_structures: { zh: '违建拆除', en: 'Demolition of illegal structures' },
  ev_charging: { zh: '安装充电桩', en: 'Installing EV charging points' },
  other: { zh: '其他', en: 'Other' },
};
