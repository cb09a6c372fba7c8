/**
 * Items read from a file's bytes, one at a time: how the cross-level stage gets back the few items
 * it needs (a finding's item, a field the record does not carry) without decoding and scanning the
 * whole file again (about 1 MB each; decoding is most of the cost).
 *
 * The per-file stage records, with the file's record, where each item starts (offset in the text
 * and line number, from the plain-layout parser: see parseBlock's `itemStarts`) and the file's
 * size and CRC-32. When the file is read again, its bytes are used this way only if they are
 * exactly the bytes the per-file stage read (same size and checksum): a file edited between the
 * stages (whatever its size or time), an unreadable one, one the parser declined or another layout
 * takes the whole-file path, which gives the same values and ranges (test/item-range-reload.test.ts).
 *
 * Record layout (`itemSpans`, flat numbers): size in bytes, CRC-32 of the bytes, then for each item
 * its start offset (UTF-16, in the text without BOM) and 1-based line, then the same two for where
 * the item sequence ends.
 */
import * as zlib from 'node:zlib';
import { LineIndex } from './lines.js';

/** `zlib.crc32` (Node 20.15+): without it no spans are recorded, and every reload is whole. */
const crc32 = (zlib as { crc32?: (data: Uint8Array) => number }).crc32;

/** For tests and measurements: reloads read single items only when `enabled`; `items` counts those read. */
export const itemReading = { enabled: true, items: 0 };

/** The record's `itemSpans` for a file's bytes and its items' starts (undefined: none). */
export function itemSpansOf(bytes: Uint8Array, starts: readonly number[]): number[] | undefined {
  if (!crc32 || starts.length < 4 || starts.length % 2) return undefined;
  return [bytes.length, crc32(bytes), ...starts];
}

/** How many items a record's spans describe. */
export function spanCount(spans: readonly number[]): number {
  return (spans.length - 4) / 2;
}

/** One item's text, decoded on its own, and where it is in the file. */
export interface ItemPart {
  /** Offset of its first character in the file's text. */
  start: number;
  /** 1-based line of its first character. */
  line: number;
  text: string;
  lines?: LineIndex;
}

/** 1-based line and column of a text offset inside a part (offsets from its start to its end). */
export function partPosition(part: ItemPart, offset: number): { line: number; column: number } {
  const p = (part.lines ??= new LineIndex(part.text)).position(offset - part.start);
  return { line: part.line - 1 + p.line, column: p.column };
}

/** The items of one file's bytes, found as far as asked. */
export class ItemBytes {
  private checked?: boolean;
  /** Byte offsets of the item starts found so far. */
  private readonly byteStarts: number[] = [];
  private needle?: Buffer;
  private indent = 0;

  constructor(
    /** The whole file, BOM included. */
    private readonly raw: Uint8Array,
    /** Bytes of the BOM (0 or 3): the text starts after it. */
    private readonly textStart: number,
    private readonly spans: readonly number[],
  ) {}

  /** The bytes are those the spans were recorded from. */
  private same(): boolean {
    return (this.checked ??= !!crc32 && this.spans.length >= 6 && this.spans[0] === this.raw.length && this.spans[1] === crc32(this.raw));
  }

  /** Item `index`, or undefined (use the whole file). */
  item(index: number): ItemPart | undefined {
    const n = spanCount(this.spans);
    if (!Number.isInteger(index) || index < 0 || index >= n || !this.same()) return undefined;
    const start = this.spans[2 + 2 * index];
    const line = this.spans[3 + 2 * index];
    const length = this.spans[4 + 2 * index] - start;
    const lines = this.spans[5 + 2 * index] - line;
    const at = this.byteStart(index);
    if (at === undefined || length <= 0) return undefined;
    // At most 3 bytes per UTF-16 unit: the item is within these bytes (a character cut at their end
    // decodes after it).
    const raw = this.raw;
    const decoded = bufferOf(raw, at, Math.min(raw.length, at + 3 * length)).toString('utf8');
    if (decoded.length < length) return undefined;
    const text = decoded.slice(0, length);
    // Checks that the bytes found are this item: its first line, its line count, and its end (a line
    // break, or the end of the file).
    if (text.charCodeAt(this.indent) !== 0x2d || newlines(text) !== lines) return undefined;
    if (text.charCodeAt(length - 1) !== 0x0a && at + Buffer.byteLength(text) !== raw.length) return undefined;
    itemReading.items++;
    return { start, line, text };
  }

  /**
   * Byte offset of item `index`: the first item's from the length of the text before it, the others
   * by finding the lines that start an entry at the first item's indentation (a line break, that
   * many spaces, `-`, then a space or the line's end), as the item scan finds them in the text.
   */
  private byteStart(index: number): number | undefined {
    const raw = this.raw;
    const starts = this.byteStarts;
    if (starts.length === 0) {
      const first = this.spans[2];
      const head = bufferOf(raw, this.textStart, Math.min(raw.length, this.textStart + 3 * first)).toString('utf8');
      if (head.length < first) return undefined;
      const at = this.textStart + Buffer.byteLength(head.slice(0, first));
      if (at === 0 || raw[at - 1] !== 0x0a) return undefined;
      let indent = 0;
      while (raw[at + indent] === 0x20) indent++;
      if (!entryAt(raw, at + indent)) return undefined;
      this.indent = indent;
      this.needle = Buffer.from('\n' + ' '.repeat(indent) + '-');
      starts.push(at);
    }
    const buf = bufferOf(raw, 0, raw.length);
    while (starts.length <= index) {
      const hit = buf.indexOf(this.needle!, starts[starts.length - 1]);
      if (hit === -1 || !entryAt(raw, hit + this.needle!.length - 1)) return undefined;
      starts.push(hit + 1);
    }
    return starts[index];
  }
}

/** A `-` at `at` that begins a sequence entry (a space, a line break or the end follows). */
function entryAt(raw: Uint8Array, at: number): boolean {
  if (raw[at] !== 0x2d) return false;
  const next = raw[at + 1];
  return next === undefined || next === 0x20 || next === 0x0a || (next === 0x0d && (raw[at + 2] === 0x0a || raw[at + 2] === undefined));
}

function newlines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

function bufferOf(raw: Uint8Array, start: number, end: number): Buffer {
  return Buffer.from(raw.buffer, raw.byteOffset + start, end - start);
}
