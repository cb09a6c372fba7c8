/**
 * Reading workbooks: cell values through `read-excel-file`, merged ranges from the sheet XML
 * (the library does not report them), and one-line errors for what is not an `.xlsx` workbook:
 * the old binary `.xls`, a password-protected workbook (an encrypted OOXML package is a CFB
 * file too), a corrupt file.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { inflateRawSync } from 'node:zlib';

export type CellValue = string | number | boolean | null;

/** A rectangular range, 0-based, inclusive. */
export interface Range {
  r1: number;
  c1: number;
  r2: number;
  c2: number;
}

export interface SheetData {
  name: string;
  /** Rows from row 1, columns from A (0-based indexes); a cell covered by a merged range but not its top-left is null. */
  rows: CellValue[][];
  merges: Range[];
}

export interface Workbook {
  path: string;
  /** The file's base name, as the source comments and the import report name it. */
  file: string;
  sheets: SheetData[];
}

/** A workbook that cannot be read: the CLI prints the one-line message and exits 2. */
export class WorkbookError extends Error {
  override name = 'WorkbookError';
  constructor(
    message: string,
    readonly kind: 'xls' | 'encrypted' | 'corrupt' | 'missing',
  ) {
    super(message);
  }
}

const CFB_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
/** "EncryptionInfo" as a CFB directory entry name (UTF-16LE). */
const ENCRYPTION_INFO = Buffer.from('EncryptionInfo', 'utf16le');

function startsWith(data: Uint8Array, magic: number[]): boolean {
  return data.length >= magic.length && magic.every((b, i) => data[i] === b);
}

/** Read a workbook from disk; throws {@link WorkbookError} with a one-line message. */
export async function readWorkbook(path: string, locale: 'zh-CN' | 'en' = 'zh-CN'): Promise<Workbook> {
  const file = basename(path);
  const zh = locale === 'zh-CN';
  let data: Buffer;
  try {
    data = await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new WorkbookError(zh ? `${path}: 无法读取文件（${code}）` : `${path}: cannot read the file (${code})`, 'missing');
  }
  if (startsWith(data, CFB_MAGIC)) {
    if (data.indexOf(ENCRYPTION_INFO) >= 0) {
      throw new WorkbookError(
        zh ? `${path}: 工作簿设有打开密码（已加密），无法读取；请在 Excel 中取消密码后另存为 .xlsx 再导入` : `${path}: the workbook is password-protected (encrypted); remove the password in Excel, save it as .xlsx and import that`,
        'encrypted',
      );
    }
    throw new WorkbookError(
      zh ? `${path}: 这是旧版 Excel 97-2003 (.xls) 格式，无法读取；请在 Excel 中“另存为” Excel 工作簿 (.xlsx) 后再导入` : `${path}: this is the old Excel 97-2003 (.xls) format; open it in Excel, "Save As" Excel Workbook (.xlsx) and import that`,
      'xls',
    );
  }
  const corrupt = (why: string) =>
    new WorkbookError(zh ? `${path}: 不是有效的 .xlsx 工作簿，文件可能已损坏（${why}）` : `${path}: not a valid .xlsx workbook, the file may be corrupt (${why})`, 'corrupt');
  if (!startsWith(data, ZIP_MAGIC)) throw corrupt(data.length === 0 ? (zh ? '文件为空' : 'empty file') : zh ? '不是 zip 格式' : 'not a zip archive');

  let parts: Record<string, Uint8Array>;
  try {
    parts = unzipParts(data, (name) => name === 'xl/workbook.xml' || name === 'xl/_rels/workbook.xml.rels' || name.startsWith('xl/worksheets/sheet'));
  } catch (error) {
    throw corrupt(firstLine(error));
  }
  if (!parts['xl/workbook.xml']) throw corrupt(zh ? '缺少 xl/workbook.xml' : 'no xl/workbook.xml');
  const mergesBySheet = readMerges(parts);

  let sheets: { sheet: string; data: unknown[][] }[];
  try {
    // loaded here, not at the top: an external import would be loaded at every start of the bundle
    const { default: readXlsxFile } = await import('read-excel-file/node');
    sheets = (await readXlsxFile(data)) as { sheet: string; data: unknown[][] }[];
  } catch (error) {
    throw corrupt(firstLine(error));
  }
  return {
    path,
    file,
    sheets: sheets.map((s) => {
      const merges = mergesBySheet.get(s.sheet) ?? [];
      const rows = s.data.map((row) => row.map(cellValue));
      // A cell covered by a merged range counts as empty except the range's top-left cell,
      // whatever the reading library reports.
      for (const m of merges) {
        for (let r = m.r1; r <= m.r2 && r < rows.length; r++) {
          const row = rows[r];
          for (let c = m.c1; c <= m.c2 && c < row.length; c++) if (r !== m.r1 || c !== m.c1) row[c] = null;
        }
      }
      return { name: s.sheet, rows, merges };
    }),
  };
}

function cellValue(v: unknown): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v === '' ? null : v;
  if (typeof v === 'number' || typeof v === 'boolean') return v;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v);
}

/**
 * The entries of a zip archive whose names pass `want`, inflated with Node's zlib (the central
 * directory read as APPNOTE describes it; no zip64, which no workbook under 4 GB needs).
 */
export function unzipParts(zip: Buffer, want: (name: string) => boolean): Record<string, Uint8Array> {
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (zip.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('invalid zip data (no end of central directory)');
  const count = zip.readUInt16LE(eocd + 10);
  let p = zip.readUInt32LE(eocd + 16);
  const out: Record<string, Uint8Array> = {};
  for (let n = 0; n < count; n++) {
    if (p + 46 > zip.length || zip.readUInt32LE(p) !== 0x02014b50) throw new Error('invalid zip data (central directory)');
    const method = zip.readUInt16LE(p + 10);
    const compressed = zip.readUInt32LE(p + 20);
    const nameLength = zip.readUInt16LE(p + 28);
    const extraLength = zip.readUInt16LE(p + 30);
    const commentLength = zip.readUInt16LE(p + 32);
    const local = zip.readUInt32LE(p + 42);
    const name = zip.toString('utf8', p + 46, p + 46 + nameLength);
    p += 46 + nameLength + extraLength + commentLength;
    if (!want(name)) continue;
    if (local + 30 > zip.length || zip.readUInt32LE(local) !== 0x04034b50) throw new Error(`invalid zip data (${name})`);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    if (start + compressed > zip.length) throw new Error(`invalid zip data (${name} truncated)`);
    const raw = zip.subarray(start, start + compressed);
    if (method === 0) out[name] = raw;
    else if (method === 8) out[name] = inflateRawSync(raw);
    else throw new Error(`unsupported zip compression method ${method} (${name})`);
  }
  return out;
}

function firstLine(error: unknown): string {
  const m = error instanceof Error ? error.message : String(error);
  return m.split('\n')[0].slice(0, 200);
}

const decoder = new TextDecoder();

function unescapeXml(s: string): string {
  return s.replace(/&(lt|gt|amp|quot|apos|#x[0-9a-fA-F]+|#\d+);/g, (_, e: string) =>
    e === 'lt' ? '<' : e === 'gt' ? '>' : e === 'amp' ? '&' : e === 'quot' ? '"' : e === 'apos' ? "'" : String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : Number(e.slice(1))),
  );
}

function attr(tag: string, name: string): string | undefined {
  const m = new RegExp(`(?:^|\\s)${name}\\s*=\\s*("([^"]*)"|'([^']*)')`).exec(tag);
  return m ? unescapeXml(m[2] ?? m[3]) : undefined;
}

/** Merged ranges of each sheet, by sheet name (workbook.xml names the sheets, its rels the parts). */
function readMerges(parts: Record<string, Uint8Array>): Map<string, Range[]> {
  const out = new Map<string, Range[]>();
  const workbook = decoder.decode(parts['xl/workbook.xml']);
  const rels = parts['xl/_rels/workbook.xml.rels'] ? decoder.decode(parts['xl/_rels/workbook.xml.rels']) : '';
  const targets = new Map<string, string>();
  for (const m of rels.matchAll(/<(?:\w+:)?Relationship\b[^>]*>/g)) {
    const id = attr(m[0], 'Id');
    const target = attr(m[0], 'Target');
    if (id && target) targets.set(id, target.startsWith('/') ? target.slice(1) : `xl/${target}`);
  }
  for (const m of workbook.matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)) {
    const name = attr(m[0], 'name');
    const rid = attr(m[0], 'r:id') ?? /\s(\w+:)?id\s*=\s*"([^"]*)"/.exec(m[0])?.[2];
    if (!name || !rid) continue;
    const part = parts[targets.get(rid) ?? ''];
    if (!part) continue;
    out.set(name, mergesOf(part));
  }
  return out;
}

function mergesOf(xml: Uint8Array): Range[] {
  // <mergeCells> follows <sheetData>; decode only the tail from its start.
  const buf = Buffer.from(xml.buffer, xml.byteOffset, xml.byteLength);
  const at = buf.lastIndexOf('<mergeCells');
  if (at < 0) return [];
  const tail = buf.subarray(at).toString('utf8');
  const ranges: Range[] = [];
  for (const m of tail.matchAll(/<mergeCell\b[^>]*\bref\s*=\s*"([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?"/g)) {
    const c1 = columnIndex(m[1]);
    const r1 = Number(m[2]) - 1;
    const c2 = m[3] ? columnIndex(m[3]) : c1;
    const r2 = m[4] ? Number(m[4]) - 1 : r1;
    ranges.push({ r1: Math.min(r1, r2), c1: Math.min(c1, c2), r2: Math.max(r1, r2), c2: Math.max(c1, c2) });
  }
  return ranges;
}

/** `A` → 0, `AB` → 27. */
export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** 0 → `A`, 27 → `AB`. */
export function columnLetter(index: number): string {
  let s = '';
  let n = index + 1;
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** `A12` from 0-based row and column. */
export function cellName(row: number, column: number): string {
  return `${columnLetter(column)}${row + 1}`;
}
