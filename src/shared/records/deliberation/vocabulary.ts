/**
 * The ids a legal deliberation session (援法议事) is recorded in, and the bounds of one session:
 * its topic categories (the five hot issues of evaluation-framework.json the sessions address,
 * plus other), who takes part, and how a follow-up action stands. Records store these ids, so
 * they belong to the record versions; `shared/deliberation/vocabulary.ts` words them.
 */
export const deliberationTopics = ['environment_cleanup', 'old_estate_renovation', 'property_management', 'illegal_structures', 'ev_charging', 'other'] as const;
export type DeliberationTopic = (typeof deliberationTopics)[number];

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
