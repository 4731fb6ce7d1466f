import { z } from 'zod/mini';
import { communityClashes, communityUpdateSchema, type CommunityImportReport, type CommunityNaming, type EditedCommunity } from '../../../shared/organisation-editing';
import { errorCodes } from '../../../shared/errors';
import { HttpError } from '../../http-error';
import { findColumns, issuesText, noteProblem } from '../households/register-file';

/** Header names of a community names file, in Chinese or English (compared without case or spaces). */
const headerNames = {
  communityId: ['id', 'communityid', '社区编号', '编号'],
  nameZh: ['name', 'namezh', 'name_zh', '社区名称', '名称', '中文名称'],
  nameEn: ['nameen', 'name_en', 'englishname', '英文名称'],
  code: ['code', '社区代码', '代码', '区划代码'],
} as const;

const namingRowSchema = z.pick(communityUpdateSchema, { nameZh: true, nameEn: true, code: true });

function namingOf(community: EditedCommunity): CommunityNaming {
  return { nameZh: community.nameZh, nameEn: community.nameEn, code: community.code };
}

/**
 * Checks a file that renames existing communities (by id) against the organisation: every change
 * and every problem is listed with its line (1 is the header) before anything is written. Without
 * an English column, or with it empty, the English name becomes the Chinese one (a stale synthetic
 * English name would be wrong); without a code column, codes stay as they are.
 */
export function checkCommunityNames(table: string[][], current: readonly EditedCommunity[]): { report: CommunityImportReport; changed: EditedCommunity[] } {
  const columns = findColumns(table[0] ?? [], headerNames);
  if (columns.communityId === -1 || columns.nameZh === -1) {
    throw new HttpError(400, errorCodes.invalidRequest, 'The first row must name the columns id and name (社区编号、社区名称); name_en and code (英文名称、社区代码) are optional');
  }
  const byId = new Map(current.map((c) => [c.id, c]));
  const report: CommunityImportReport = {
    rows: 0,
    changes: [],
    unchanged: 0,
    unknownCommunities: { count: 0, listed: [] },
    duplicates: { count: 0, listed: [] },
    clashes: { count: 0, listed: [] },
    invalid: { count: 0, listed: [] },
    written: false,
  };
  const cell = (cells: string[], column: number) => (column === -1 ? undefined : (cells[column] ?? '').trim());
  const firstLineOf = new Map<string, number>();
  const changed: Array<{ line: number; community: EditedCommunity }> = [];
  table.slice(1).forEach((cells, index) => {
    const line = index + 2;
    if (cells.every((text) => text.trim() === '')) return;
    report.rows += 1;
    const id = cell(cells, columns.communityId) ?? '';
    const before = byId.get(id);
    if (!before) return noteProblem(report.unknownCommunities, { line, community: id });
    const firstLine = firstLineOf.get(id);
    if (firstLine !== undefined) return noteProblem(report.duplicates, { line, firstLine, community: id });
    firstLineOf.set(id, line);
    const nameZh = cell(cells, columns.nameZh) ?? '';
    const parsed = namingRowSchema.safeParse({ nameZh, nameEn: cell(cells, columns.nameEn) || nameZh, code: cell(cells, columns.code) ?? before.code });
    if (!parsed.success) return noteProblem(report.invalid, { line, message: issuesText(parsed.error.issues) });
    const after = { ...before, ...parsed.data };
    if (after.nameZh === before.nameZh && after.nameEn === before.nameEn && after.code === before.code) report.unchanged += 1;
    else changed.push({ line, community: after });
  });
  const clashes = communityClashes(current, changed.map((c) => c.community));
  for (const { line, community } of changed) {
    const clash = clashes.get(community.id);
    if (clash) noteProblem(report.clashes, { line, ...clash });
    else report.changes.push({ line, communityId: community.id, subdistrictId: community.subdistrictId, before: namingOf(byId.get(community.id)!), after: namingOf(community) });
  }
  return { report, changed: changed.map((c) => c.community) };
}
