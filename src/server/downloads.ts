import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type { FastifyReply } from 'fastify';

export type Table = { columns: string[]; rows: (string | number | null)[][] };

/** A byte-order mark, so that Excel reads the Chinese in a CSV as UTF-8. */
const bom = '\uFEFF';

export function sendCsv(reply: FastifyReply, name: string, table: Table) {
  return reply
    .header('Content-Type', 'text/csv; charset=utf-8')
    .header('Content-Disposition', `attachment; filename="${name}"`)
    .send(bom + stringify([table.columns, ...table.rows]));
}

export interface Sheet {
  name: string;
  table: Table;
}

/** One workbook of named sheets, each a header row and its rows. */
export async function sendXlsx(reply: FastifyReply, name: string, sheets: readonly Sheet[]) {
  const workbook = new ExcelJS.Workbook();
  for (const sheet of sheets) {
    const worksheet = workbook.addWorksheet(sheet.name);
    worksheet.addRow(sheet.table.columns);
    worksheet.addRows(sheet.table.rows);
  }
  const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
  return reply
    .header('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .header('Content-Disposition', `attachment; filename="${name}"`)
    .send(buffer);
}
