import ExcelJS from 'exceljs';
import type { FastifyReply } from 'fastify';
import { choicesColumns, settingsColumns, surveyColumns, type SheetName, type SheetRow, type XlsFormSheets } from '../../../shared/questionnaire/xlsform';

/** The XLSX files of questionnaires: XLSForm sheets written and read with exceljs; the mapping is in src/shared. */

export const xlsxContentType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const columnsOf: Record<SheetName, readonly string[]> = { survey: surveyColumns, choices: choicesColumns, settings: settingsColumns };
const sheetNames = Object.keys(columnsOf) as SheetName[];

export async function sheetsToXlsx(sheets: XlsFormSheets): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  for (const name of sheetNames) {
    const worksheet = workbook.addWorksheet(name);
    const columns = columnsOf[name];
    worksheet.addRow([...columns]);
    // Every cell is text, so that "1" stays "1" and a pattern is never taken for a number or a date.
    worksheet.addRows(sheets[name].map((row) => columns.map((column) => row[column] ?? '')));
    worksheet.getRow(1).font = { bold: true };
    worksheet.views = [{ state: 'frozen', ySplit: 1 }];
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export function sendWorkbook(reply: FastifyReply, fileName: string, bytes: Buffer) {
  return reply.header('Content-Type', xlsxContentType).header('Content-Disposition', `attachment; filename="${fileName}"`).send(bytes);
}

/** Why a file is not a questionnaire workbook at all (not XLSX, or a sheet missing). */
export class WorkbookError extends Error {
  constructor(
    readonly problem: 'not_xlsx' | 'sheets_missing',
    message: string,
    readonly missingSheets: SheetName[] = [],
  ) {
    super(message);
  }
}

function rowsOf(worksheet: ExcelJS.Worksheet): SheetRow[] {
  const header: string[] = [];
  worksheet.getRow(1).eachCell({ includeEmpty: true }, (cell, column) => {
    header[column] = cell.text.trim();
  });
  const rows: SheetRow[] = [];
  for (let number = 2; number <= worksheet.rowCount; number += 1) {
    const row: SheetRow = {};
    worksheet.getRow(number).eachCell({ includeEmpty: false }, (cell, column) => {
      const name = header[column];
      if (name) row[name] = cell.text;
    });
    rows.push(row);
  }
  return rows;
}

export async function xlsxToSheets(bytes: Buffer): Promise<XlsFormSheets> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new WorkbookError('not_xlsx', 'the file is not an XLSX workbook');
  }
  const missing = sheetNames.filter((name) => !workbook.getWorksheet(name));
  if (missing.length > 0) throw new WorkbookError('sheets_missing', `the workbook needs the sheets survey, choices and settings; missing: ${missing.join(', ')}`, missing);
  return { survey: rowsOf(workbook.getWorksheet('survey')!), choices: rowsOf(workbook.getWorksheet('choices')!), settings: rowsOf(workbook.getWorksheet('settings')!) };
}
