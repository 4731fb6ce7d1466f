import type { Photo } from '../photos';
import type { CaseReportAction, RecordData } from '../records';
import type { Case } from './api';

export interface CaseReport {
  action: CaseReportAction;
  note: string;
  photos: readonly Photo[];
}

/**
 * The case_report record's data for an officer's report made on the device (offline included);
 * `startedAt` and `at` are the device clock. The record is scoped to the case's first community.
 */
export function caseReportData(target: Pick<Case, 'id' | 'communityIds'>, report: CaseReport, author: { authorId: string; deviceId: string }, startedAt: Date, at: Date): RecordData<'case_report'> {
  return {
    ...author,
    createdAt: startedAt.toISOString(),
    finalisedAt: at.toISOString(),
    communityId: target.communityIds[0]!,
    caseId: target.id,
    action: report.action,
    note: report.note.trim(),
    // Plain copies: a page's photos may be reactive proxies, which IndexedDB cannot clone.
    photos: report.photos.map(({ blobHash, mediaType, bytes }) => ({ blobHash, mediaType, bytes })),
  };
}
