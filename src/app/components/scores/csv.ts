import Papa from 'papaparse';
import type { ScoresTable } from './presentation';

/** CSV with a byte-order mark, so that Excel opens the Chinese headings correctly. */
export function tableToCsv(table: ScoresTable): string {
  const header = table.columns.map((column) => column.label);
  const body = table.rows.map((row) => table.columns.map((column) => row[column.key] ?? ''));
  return `\uFEFF${Papa.unparse([header, ...body])}`;
}
