import type { Photo } from '../photos';
import { caseReportDataSchema, type CaseReportAction, type RecordData } from '../records';
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

/** The fields of a report the device words a problem for; anything else is `data`. */
export type CaseReportField = 'note' | 'photos' | 'data';

/**
 * What the server's check of a case_report (the same `caseReportDataSchema`) would refuse, by
 * field, so that the phone refuses it before keeping it rather than after a sync, maybe days later.
 */
export function caseReportProblems(data: RecordData<'case_report'>): CaseReportField[] {
  const checked = caseReportDataSchema.safeParse(data);
  if (checked.success) return [];
  const fields = checked.error.issues.map((issue): CaseReportField => (issue.path[0] === 'note' || issue.path[0] === 'photos' ? issue.path[0] : 'data'));
  return [...new Set(fields)];
}
