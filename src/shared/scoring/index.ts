/** Scoring per ../shared/SCORING.md: pure functions shared by the server, the office pages and the public page. */
export { cellWeight, defaultScoringSettings, scoringChannelOf, scoringChannels, scoringSettingsSchema, type DimensionSettings, type ScoringChannel, type ScoringSettings } from './settings';
export { normalCritical, studentTCritical } from './quantiles';
export { addScore, clipToScale, emptyJointMoments, emptyMoments, meanOf, mergeMoments, momentsOf, momentsSchema, removeScore, sampleVarianceOf, type JointMoments, type Moments } from './moments';
export { estimateMean, type MeanEstimate, type TooFewToEstimate } from './estimate';
export { clusteredMeanVariance, designCovariance, designVariance, interviewerDesignEffect, interviewerIcc, scoreDesignOf, simpleDesign, type CellDesign, type ScoreDesign } from './design';
export { respondentBreakdown, scoreRespondent, scoredAnswers, type RespondentBreakdown, type RespondentScores, type ScoredAnswer } from './respondent';
export { addRespondent, cellStatisticsOf, emptyCellStatistics, mergeCellStatistics, noOpinionOnlyCount, removeRespondent, type CellStatistics } from './statistics';
export { negativeListDeduction, normalInterval, unitComposite, weightedComposite, type CompositeEstimate, type CompositeParts, type CrossTerm, type NoComposite, type UnitComposite, type WeightedCellMoments } from './composite';
export { compositeOf, pooledStatistics, scoreUnit, type CellEstimate, type Composite, type UnitCell, type UnitScores } from './unit';
export { addCounts, rankHotIssues, wilsonInterval, type Counts, type HotIssue, type HotIssueCounts, type ProportionEstimate } from './proportions';
export { changeBetweenRounds, rankIntervals, significantlyDifferent, type RankCandidate, type RankInterval, type RankedUnitInput, type ScoreChange } from './ranking';
export { funnelLimits, funnelOutlier, funnelPoint, interpolatedQuantile, overdispersedFunnel, winsorise, type FunnelLimits, type FunnelOutlier, type FunnelPoint, type FunnelReference } from './funnel';
export { formatRankInterval, suppressSmallGroup, type SuppressedGroup } from './display';
