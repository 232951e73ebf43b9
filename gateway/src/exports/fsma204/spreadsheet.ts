/**
 * The "electronic sortable spreadsheet" of 21 CFR 1.1455(c)(3)(ii): CSV (RFC 4180) and XLSX (exceljs), one
 * row per CTE, one column per KDE, with a header row, filters and a frozen header so it sorts as delivered.
 * The XLSX carries a second sheet mapping each column to the rule paragraphs it answers.
 */
import ExcelJS from 'exceljs';
import { ALL_COLUMNS, type KdeRow } from './kdeColumns';

const csvCell = (v: string): string => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

export function toCsv(rows: readonly KdeRow[]): string {
  const lines = [ALL_COLUMNS.map((c) => csvCell(c.header)).join(',')];
  for (const row of rows) lines.push(ALL_COLUMNS.map((c) => csvCell(row[c.key] ?? '')).join(','));
  return lines.join('\r\n') + '\r\n';
}

export async function toXlsx(rows: readonly KdeRow[], title: string): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Trace';
  book.title = title;
  const sheet = book.addWorksheet('FSMA 204 KDEs', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = ALL_COLUMNS.map((c) => ({
    header: c.header,
    key: c.key,
    width: Math.min(60, Math.max(14, c.header.length / 2)),
  }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) sheet.addRow(ALL_COLUMNS.map((c) => row[c.key] ?? ''));
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: ALL_COLUMNS.length } };
  const reference = book.addWorksheet('KDE reference');
  reference.columns = [
    { header: 'Column', key: 'header', width: 60 },
    { header: '21 CFR paragraphs', key: 'cites', width: 80 },
  ];
  reference.getRow(1).font = { bold: true };
  for (const c of ALL_COLUMNS) reference.addRow([c.header, c.cites.join(', ')]);
  return Buffer.from(await book.xlsx.writeBuffer());
}
