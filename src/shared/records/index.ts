/**
 * Records made on devices: each kind's versions are modules of their own (`<kind>/v<n>.ts`), listed
 * by `registry.ts`; this module is what the app, the server and the scripts import.
 */
export { answerLimits, answerValueSchema, audienceSchema, audiences, schema as responseDataSchema, type AnswerValue, type Audience } from './response/v1';
export { caseReportActionSchema, caseReportActions, schema as caseReportDataSchema, type CaseReportAction } from './case-report/v1';
export { currentVersions, recordBlobHashes, recordBlobReferences, recordDataSchemas, recordSchemaVersions, recordVersions, storedBlobFields, type RecordData, type RecordVersionRegistry } from './registry';
export { checkRecord, finaliseRecord, upgradeRecord, validateRecord, type RecordCheck } from './check';
export { checkEnvelope, finalisedRecordSchema, maxRecordDepth, recordHash, reportedId, type EnvelopeCheck, type FinalisedRecord } from './envelope';
export { deliberationLimits, schema as deliberationDataSchema } from './deliberation/v1';
export { schema as deliberationDataSchemaV2 } from './deliberation/v2';
export { schema as deliberationFollowUpDataSchema } from './deliberation-follow-up/v1';
export { boundedText, earliestRecordTime, latestRecordTime, recordIdSchema, sha256Schema } from './fields';
export { schema as householdDataSchema } from './household/v1';
export { deviceRecordKinds, deviceRecordKindSchema, type DeviceRecordKind } from './kinds';
export { revisitOutcomeSchema, revisitOutcomes, schema as revisitDataSchema, type RevisitOutcome } from './revisit/v1';
export { schema as signatureDataSchema } from './signature/v1';
export type { BlobField, RecordKindVersion } from './version';
export { schema as visitDataSchema, visitOutcomeSchema, visitOutcomes, type VisitOutcome } from './visit/v1';
