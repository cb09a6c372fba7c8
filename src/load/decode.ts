/**
 * Turn a file's bytes into text. UTF-8 with or without BOM is accepted; anything else is
 * reported as a `yaml-syntax` problem with a hint (GBK/GB18030, UTF-16, binary).
 */
import { isUtf8 } from 'node:buffer';

export type DecodeProblem =
  | { messageId: 'notUtf8'; data: { offset: number; line: number; looksLike?: string } }
  | { messageId: 'utf16'; data: { encoding: string } }
  | { messageId: 'binary'; data: { offset: number } };

export type DecodeResult = { ok: true; text: string; bom: boolean } | { ok: false; problem: DecodeProblem };


function tryDecode(label: string, bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder(label, { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** Offset of the first byte that breaks UTF-8, found by decoding growing prefixes' line by line. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    let need = 0;
    if (b < 0x80) need = 0;
    else if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) need = 2;
    else if (b >= 0xf0 && b <= 0xf4) need = 3;
    else return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
    }
    i += need + 1;
  }
  return bytes.length;
}

export function decode(bytes: Uint8Array): DecodeResult {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    return { ok: false, problem: { messageId: 'utf16', data: { encoding: bytes[0] === 0xff ? 'UTF-16LE' : 'UTF-16BE' } } };
  }
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    // UTF-16 without a BOM has a NUL in every other byte of ASCII text.
    if (bytes.length >= 4 && (bytes[1] === 0 || bytes[0] === 0) && bytes.length % 2 === 0) {
      const le = bytes[1] === 0;
      if (tryDecode(le ? 'utf-16le' : 'utf-16be', bytes) !== undefined && countNul(bytes) * 3 >= bytes.length) {
        return { ok: false, problem: { messageId: 'utf16', data: { encoding: le ? 'UTF-16LE' : 'UTF-16BE' } } };
      }
    }
    return { ok: false, problem: { messageId: 'binary', data: { offset: nul } } };
  }
  let bom = false;
  let body = bytes;
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    bom = true;
    body = bytes.subarray(3);
  }
  if (isUtf8(body)) return { ok: true, text: Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8'), bom };
  {
    const offset = firstInvalidUtf8(body) + (bom ? 3 : 0);
    let line = 1;
    for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
    const looksLike = tryDecode('gb18030', body) !== undefined ? 'GBK/GB18030' : undefined;
    return { ok: false, problem: { messageId: 'notUtf8', data: looksLike ? { offset, line, looksLike } : { offset, line } } };
  }
}

function countNul(bytes: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < bytes.length; i++) if (bytes[i] === 0) n++;
  return n;
}
