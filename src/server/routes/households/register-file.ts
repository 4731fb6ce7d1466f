import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import Papa from 'papaparse';
import { listedProblems, registerRowSchema, type RegisterImportReport, type RegisterRow } from '../../../shared/households';
import type { Community } from '../../../shared/organisation';
import { errorCodes } from '../../../shared/errors';
import { HttpError } from '../../http-error';
import { addressKey } from '../../repositories/households';

export const xlsxContentType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const csvContentType = 'text/csv';

/** Header names each column may carry, in Chinese or English (compared without case or spaces). */
const headerNames: Record<keyof RegisterRow, readonly string[]> = {
  communityId: ['community', 'communityid', '社区', '社区编号', '社区名称'],
  building: ['building', '楼栋', '楼号', '栋'],
  unit: ['unit', '单元'],
  room: ['room', '房号', '室', '门牌'],
};

/** Lets a plugin's routes take a CSV or XLSX file as their raw body. */
export function acceptTableFiles(app: FastifyInstance, maxBytes: number): void {
  app.addContentTypeParser([csvContentType, xlsxContentType], { parseAs: 'buffer', bodyLimit: maxBytes }, (_request, body, done) => done(null, body));
}

/** The cells of the first sheet (XLSX) or of the file (CSV, UTF-8 with or without a BOM), as text. */
export async function readTable(body: Buffer, contentType: string): Promise<string[][]> {
  if (contentType.startsWith(xlsxContentType)) return readFirstSheet(body);
  const parsed = Papa.parse<string[]>(body.toString('utf8').replace(/^\uFEFF/, ''), { skipEmptyLines: false });
  return parsed.data;
}

/** A cell's value as text: rich text, hyperlinks and formulas by what they show. */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'object') return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  const cell = value as { text?: unknown; result?: unknown; richText?: Array<{ text: string }> };
  if (cell.richText) return cell.richText.map((part) => part.text).join('');
  return cellText(cell.text ?? cell.result);
}

/** The first sheet, streamed: without styles a 50,000-row register reads in a couple of seconds. */
async function readFirstSheet(body: Buffer): Promise<string[][]> {
  const table: string[][] = [];
  try {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(body), { sharedStrings: 'cache', styles: 'ignore', hyperlinks: 'ignore', worksheets: 'emit', entries: 'ignore' });
    for await (const sheet of reader) {
      for await (const row of sheet) table[row.number - 1] = (row.values as unknown[]).slice(1).map(cellText);
      break;
    }
  } catch {
    throw new HttpError(400, errorCodes.invalidRequest, 'The file is not a readable XLSX workbook');
  }
  return Array.from(table, (row) => row ?? []);
}

function normalised(header: string): string {
  return header.replace(/\s+/g, '').toLowerCase();
}

/** Where each field's column is in a header row (-1 when absent), by the names it may carry. */
export function findColumns<Field extends string>(headerRow: readonly string[], names: Readonly<Record<Field, readonly string[]>>): Record<Field, number> {
  const header = headerRow.map(normalised);
  return Object.fromEntries(Object.entries<readonly string[]>(names).map(([field, accepted]) => [field, header.findIndex((name) => accepted.includes(name))])) as Record<Field, number>;
}

/** A row's validation issues as one line of text. */
export function issuesText(issues: ReadonlyArray<{ path: readonly PropertyKey[]; message: string }>): string {
  return issues.map((issue) => `${issue.path.map(String).join('.')}: ${issue.message}`).join('; ');
}

/** Counts a problem of a file, listing it while fewer than `listedProblems` are. */
export function noteProblem<T>(problems: { count: number; listed: T[] }, problem: T): void {
  problems.count += 1;
  if (problems.listed.length < listedProblems) problems.listed.push(problem);
}

/**
 * Checks a register table against the organisation and the doors already registered: every problem
 * is listed with its line (1 is the header) before anything is written.
 */
export function checkRegister(table: string[][], communities: readonly Community[], registered: ReadonlySet<string>): { report: RegisterImportReport; newRows: RegisterRow[] } {
  const columns = findColumns(table[0] ?? [], headerNames);
  const missing = Object.entries(columns).filter(([, index]) => index === -1).map(([field]) => field);
  if (missing.length > 0) throw new HttpError(400, errorCodes.invalidRequest, `The first row must name the columns community, building, unit and room (社区、楼栋、单元、房号); missing: ${missing.join(', ')}`);

  const communityIds = new Map<string, string>();
  for (const community of communities) for (const name of [community.id, community.nameZh, community.nameEn]) communityIds.set(name.trim(), community.id);

  const report: RegisterImportReport = {
    rows: 0,
    newHouseholds: 0,
    alreadyRegistered: 0,
    duplicates: { count: 0, listed: [] },
    unknownCommunities: { count: 0, listed: [] },
    invalid: { count: 0, listed: [] },
    written: false,
  };
  const firstLineOf = new Map<string, number>();
  const newRows: RegisterRow[] = [];
  table.slice(1).forEach((cells, index) => {
    const line = index + 2;
    if (cells.every((cell) => cell.trim() === '')) return;
    report.rows += 1;
    const community = (cells[columns.communityId] ?? '').trim();
    const communityId = communityIds.get(community);
    if (!communityId) return noteProblem(report.unknownCommunities, { line, community });
    const parsed = registerRowSchema.safeParse({ communityId, building: cells[columns.building] ?? '', unit: cells[columns.unit] ?? '', room: cells[columns.room] ?? '' });
    if (!parsed.success) return noteProblem(report.invalid, { line, message: issuesText(parsed.error.issues) });
    const key = addressKey(parsed.data);
    const firstLine = firstLineOf.get(key);
    if (firstLine !== undefined) return noteProblem(report.duplicates, { line, firstLine, address: `${community} ${parsed.data.building}-${parsed.data.unit}-${parsed.data.room}` });
    firstLineOf.set(key, line);
    if (registered.has(key)) report.alreadyRegistered += 1;
    else newRows.push(parsed.data);
  });
  report.newHouseholds = newRows.length;
  return { report, newRows };
}
