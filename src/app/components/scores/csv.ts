import Papa from 'papaparse';
import type { ScoresTable } from './presentation';

/**
 * CSV with a byte-order mark, so that Excel opens the Chinese headings correctly. A column with
 * `download` columns is written as those, numbers rather than the formatted text shown.
 */
export function tableToCsv(table: ScoresTable): string {
  const columns = table.columns.flatMap((column) => column.download ?? [column]);
  const header = columns.map((column) => column.label);
  const body = table.rows.map((row) => columns.map((column) => row[column.key] ?? ''));
  return `\uFEFF${Papa.unparse([header, ...body])}`;
}
