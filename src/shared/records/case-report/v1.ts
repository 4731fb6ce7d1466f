import { z } from 'zod/mini';
import { photoSchema } from '../../photos';
import { finalisedAfterCreated, provenance, recordIdSchema, referenceId, shortText } from '../fields';
import { blobHashesAt, type BlobField } from '../version';

/**
 * The steps an officer may report from the device, offline included, where there is no signal to
 * ask the server: progress, and the rectification done.
 */
export const caseReportActions = ['progress', 'report_fixed'] as const;
export const caseReportActionSchema = z.enum(caseReportActions);
export type CaseReportAction = z.infer<typeof caseReportActionSchema>;
/** Photos of one report, as a case event keeps at most (shared/cases/api.ts maxEvidencePerEvent). */
const caseReportPhotos = 10;

/**
 * A sub-district officer's report on a case, made on the device and applied to the case when the
 * server receives it (as a revisit is). `communityId` is one of the case's communities, which
 * scopes the record; the photos are blobs by hash, uploaded first.
 */
export const schema = z
  .strictObject({
    ...provenance,
    communityId: referenceId,
    caseId: recordIdSchema,
    action: caseReportActionSchema,
    note: shortText(2000).check(z.refine((text) => text.trim() !== '', 'must say what was done')),
    photos: z.array(photoSchema).check(z.maxLength(caseReportPhotos)),
  })
  .check(finalisedAfterCreated);

export const blobFields: readonly BlobField[] = [{ field: 'photos', holds: 'photos' }];
export const blobHashes = blobHashesAt(blobFields);
