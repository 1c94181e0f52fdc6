import fs from 'node:fs';
import { Transform } from 'node:stream';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';

export type ImportFormat = 'csv' | 'xlsx';
export type CsvEncoding = 'utf-8' | 'gb18030';

/** One row of the file: its line (CSV) or row number (XLSX), and its cells as trimmed text. */
export interface FileRow {
  line: number;
  cells: string[];
}

/** XLSX is a zip: it starts with PK\x03\x04. Anything else is read as CSV. */
export function detectFormat(head: Buffer): ImportFormat {
  return head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04 ? 'xlsx' : 'csv';
}

/**
 * What county Excel exports produce: UTF-8 (with a BOM when saved as "CSV UTF-8") or GB18030/GBK
 * ("CSV" on a Chinese Windows). A BOM decides; otherwise the head of the file is tried as strict
 * UTF-8 (a multi-byte character cut at the end of the sample is not an error), and GB18030 is the
 * fallback — GBK bytes are almost never valid UTF-8.
 */
export function detectEncoding(head: Buffer): CsvEncoding {
  if (head.length >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8';
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return 'utf-8';
  } catch {
    return 'gb18030';
  }
}

export async function readHead(file: string, bytes = 256 * 1024): Promise<Buffer> {
  const handle = await fs.promises.open(file, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** Bytes in the file's encoding → UTF-8 text, chunk by chunk (characters split across chunks are kept). */
function decoder(encoding: CsvEncoding): Transform {
  const text = new TextDecoder(encoding, { ignoreBOM: false });
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      done(null, text.decode(chunk, { stream: true }));
    },
    flush(done) {
      done(null, text.decode());
    },
  });
}

function clean(cells: unknown[]): string[] {
  return cells.map((c) => (c === null || c === undefined ? '' : String(c).trim()));
}

async function* csvRows(file: string, encoding: CsvEncoding): AsyncGenerator<FileRow> {
  const parser = fs
    .createReadStream(file, { highWaterMark: 64 * 1024 })
    .pipe(decoder(encoding))
    .pipe(parse({ bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: true, info: true }));
  for await (const record of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
    yield { line: record.info.lines, cells: clean(record.record) };
  }
}

/** An XLSX cell's value as text: numbers without exponent where exact, rich text joined, formulas by result. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isInteger(value) && Math.abs(value) < 2 ** 53 ? value.toFixed(0) : String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('text' in value && typeof value.text === 'string') return value.text;
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('error' in value) return '';
  }
  return String(value);
}

/** The first worksheet only, streamed row by row (shared strings are cached, as the format needs). */
async function* xlsxRows(file: string): AsyncGenerator<FileRow> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, { worksheets: 'emit', sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'ignore', entries: 'ignore' });
  for await (const sheet of reader) {
    for await (const row of sheet) {
      const values = (row.values as ExcelJS.CellValue[]).slice(1); // ExcelJS rows are 1-based
      const cells: string[] = [];
      for (let i = 0; i < values.length; i++) cells.push(cellText(values[i]).trim());
      if (cells.some((c) => c !== '')) yield { line: row.number, cells };
    }
    return; // first sheet only; leaving the loop ends the zip stream
  }
}

/** Every non-empty row of the file, header included, without holding the file in memory. */
export function readRows(file: string, format: ImportFormat, encoding: CsvEncoding | null): AsyncGenerator<FileRow> {
  return format === 'xlsx' ? xlsxRows(file) : csvRows(file, encoding ?? 'utf-8');
}

/** The header row and up to `limit` data rows, reading no further. */
export async function readHeadRows(file: string, format: ImportFormat, encoding: CsvEncoding | null, limit: number): Promise<{ header: FileRow | null; rows: FileRow[] }> {
  let header: FileRow | null = null;
  const rows: FileRow[] = [];
  const iterator = readRows(file, format, encoding);
  try {
    for await (const row of iterator) {
      if (!header) header = row;
      else rows.push(row);
      if (rows.length >= limit) break;
    }
  } finally {
    await iterator.return(undefined);
  }
  return { header, rows };
}
