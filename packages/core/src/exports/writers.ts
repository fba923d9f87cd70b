import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { neutralizeCsvText } from '@lpdesk/contracts';
import { stringify } from 'csv-stringify/sync';
import type { CellKind, CellValue, ExportColumn } from './columns.js';

/** Writes rows as they come, a page at a time, then finishes the file. */
export interface SheetWriter<V> {
  writePage(views: V[]): Promise<void>;
  finish(): Promise<void>;
}

const LIST_SEPARATOR = '; ';

/** Money is stored in minor units (cents); a spreadsheet user reads currency units. */
const currencyUnits = (minor: number) => minor / 100;

function csvCell(kind: CellKind, value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return neutralizeCsvText(value.join(LIST_SEPARATOR));
  if (kind === 'money' && typeof value === 'number') return currencyUnits(value).toFixed(2);
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'number') return String(value);
  // Text a spreadsheet would run as a formula gets a leading apostrophe (contracts/csv.ts).
  return neutralizeCsvText(String(value));
}

async function writeChunk(sink: Writable, chunk: string | Uint8Array): Promise<void> {
  // Respect backpressure: a slow client holds the export back instead of filling memory.
  if (!sink.write(chunk)) await once(sink, 'drain');
}

/**
 * RFC 4180 CSV through csv-stringify (quotes fields holding a comma, quote or line break; CRLF rows),
 * UTF-8 with a byte-order mark so Excel reads non-ASCII names correctly; other tools skip it.
 */
export function csvWriter<V>(sink: Writable, columns: ExportColumn<V>[]): SheetWriter<V> {
  let started = false;
  const options = { record_delimiter: 'windows' as const, eof: true };
  return {
    async writePage(views) {
      if (!started) {
        started = true;
        await writeChunk(sink, `\uFEFF${stringify([columns.map((c) => c.header)], options)}`);
      }
      if (views.length === 0) return;
      await writeChunk(
        sink,
        stringify(
          views.map((view) => columns.map((c) => csvCell(c.kind, c.value(view)))),
          options,
        ),
      );
    },
    async finish() {
      if (!started) await this.writePage([]);
      sink.end();
      await once(sink, 'finish');
    },
  };
}

const NUMBER_FORMATS: Partial<Record<CellKind, string>> = { money: '#,##0.00', date: 'yyyy-mm-dd', instant: 'yyyy-mm-dd hh:mm' };

function xlsxCell(kind: CellKind, value: CellValue): string | number | boolean | Date | null {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.join(LIST_SEPARATOR);
  if (kind === 'money' && typeof value === 'number') return currencyUnits(value);
  // Dates are stored UTC; a date-only value is midnight UTC, which Excel shows as that calendar day.
  if ((kind === 'date' || kind === 'instant') && typeof value === 'string') {
    const at = new Date(kind === 'date' ? `${value}T00:00:00Z` : value);
    return Number.isNaN(at.getTime()) ? value : at;
  }
  return value as string | number | boolean;
}

/**
 * XLSX through exceljs's streaming WorkbookWriter: each row is committed (serialized and released)
 * as it is added, and strings are written inline, so memory stays flat. Cells stay typed: numbers,
 * money in currency units with a number format, booleans, dates. Text is never a formula in XLSX.
 */
export async function xlsxWriter<V>(sink: Writable, columns: ExportColumn<V>[], sheetName: string): Promise<SheetWriter<V>> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((column, index) => {
    const numFmt = NUMBER_FORMATS[column.kind];
    return { header: column.header, key: String(index), width: column.width, ...(numFmt ? { style: { numFmt } } : {}) };
  });
  sheet.getRow(1).font = { bold: true };
  return {
    async writePage(views) {
      for (const view of views) sheet.addRow(columns.map((c) => xlsxCell(c.kind, c.value(view)))).commit();
      // Let the zip stream flush what the page produced before the next page is read.
      await new Promise((resolve) => setImmediate(resolve));
    },
    async finish() {
      sheet.commit();
      await workbook.commit();
    },
  };
}

/** vCards one after another (a .vcf file holds any number of cards); no header, no columns. */
export function vcardWriter<V>(sink: Writable, card: (view: V) => string): SheetWriter<V> {
  return {
    async writePage(views) {
      if (views.length > 0) await writeChunk(sink, views.map(card).join(''));
    },
    async finish() {
      sink.end();
      await once(sink, 'finish');
    },
  };
}
