import { parse } from 'csv-parse/sync';
import { Invalid } from '../kernel/errors.js';

const LINE_BREAK = /\r\n|\r|\n/g;

export const DELIMITERS = [',', ';', '\t', '|'] as const;
export type Delimiter = (typeof DELIMITERS)[number];

/** One data row: its first line in the file (the header is line 1) and its cells by column header. */
export interface SourceRow {
  line: number;
  cells: Record<string, string>;
}

export interface ParsedTable {
  delimiter: Delimiter;
  columns: string[];
  rows: SourceRow[];
}

/** Delimiters outside quotes on one line. */
function countOutsideQuotes(line: string, delimiter: string): number {
  let count = 0;
  let quoted = false;
  for (const char of line) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && char === delimiter) count += 1;
  }
  return count;
}

/**
 * The delimiter that splits the first lines into the same number of cells (more than one), preferring
 * the most cells: `;` for European Excel, tab for TSV, `|` for some exports, else `,`.
 */
export function detectDelimiter(text: string): Delimiter {
  const lines = text.split(/\r\n|\n|\r/).filter((line) => line.trim() !== '').slice(0, 20);
  let best: { delimiter: Delimiter; score: number } = { delimiter: ',', score: 0 };
  for (const delimiter of DELIMITERS) {
    const counts = lines.map((line) => countOutsideQuotes(line, delimiter));
    const header = counts[0] ?? 0;
    if (header === 0) continue;
    // Quoted newlines break some lines in two: judge by how many lines agree with the header.
    const agreeing = counts.filter((count) => count === header).length;
    const score = header * (agreeing / counts.length);
    if (score > best.score) best = { delimiter, score };
  }
  return best.delimiter;
}

/** Headers as written, made unique and non-empty ("Column 3", "Email (2)"). */
function uniqueHeaders(raw: string[]): string[] {
  const seen = new Map<string, number>();
  return raw.map((header, index) => {
    const base = header.trim() === '' ? `Column ${index + 1}` : header.trim();
    const count = (seen.get(base.toLowerCase()) ?? 0) + 1;
    seen.set(base.toLowerCase(), count);
    return count === 1 ? base : `${base} (${count})`;
  });
}

export function parseTable(text: string, delimiter: Delimiter = detectDelimiter(text)): ParsedTable {
  let records: string[][];
  try {
    records = parse(text, {
      delimiter,
      bom: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      record_delimiter: ['\r\n', '\n', '\r'],
    });
  } catch (error) {
    throw new Invalid(`The file could not be read as ${delimiter === '\t' ? 'TSV' : 'CSV'}: ${(error as Error).message}`);
  }
  // A record spans one line plus every line break inside its quoted cells (cheaper than the parser's `info`).
  let nextLine = 1;
  const withLines = records.map((record) => {
    const line = nextLine;
    let breaks = 0;
    for (const cell of record) if (cell.includes('\n') || cell.includes('\r')) breaks += cell.match(LINE_BREAK)?.length ?? 0;
    nextLine += 1 + breaks;
    return { line, record };
  });
  const headerIndex = withLines.findIndex(({ record }) => record.some((cell) => cell.trim() !== ''));
  const header = withLines[headerIndex];
  if (!header) throw new Invalid('The file has no rows: it is empty or only blank lines');
  const columns = uniqueHeaders(header.record);
  const rows: SourceRow[] = [];
  for (const { line, record } of withLines.slice(headerIndex + 1)) {
    if (record.every((cell) => cell.trim() === '')) continue;
    const cells: Record<string, string> = {};
    columns.forEach((column, index) => {
      cells[column] = record[index] ?? '';
    });
    rows.push({ line, cells });
  }
  return { delimiter, columns, rows };
}
