/**
 * Offsets ↔ 1-based line and column (UTF-16 code units, as editors and SARIF count). Line starts
 * are found lazily, only as far into the text as asked: locating a finding in a file's header
 * does not scan the whole file.
 */
export class LineIndex {
  private readonly starts: number[] = [0];
  /** Every line start at or before this offset is in `starts`. */
  private scanned = 0;
  private complete = false;

  constructor(readonly text: string) {}

  /** Find line starts until one lies beyond `offset` (or the text ends). */
  private scanTo(offset: number): void {
    const text = this.text;
    while (!this.complete && this.scanned <= offset) {
      const i = text.indexOf('\n', this.scanned);
      if (i === -1) {
        this.complete = true;
        this.scanned = text.length + 1;
        return;
      }
      this.starts.push(i + 1);
      this.scanned = i + 1;
    }
  }

  /** 1-based line and column of a UTF-16 offset. */
  position(offset: number): { line: number; column: number } {
    const o = Math.max(0, Math.min(offset, this.text.length));
    this.scanTo(o);
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: o - this.starts[lo] + 1 };
  }

  lineCount(): number {
    this.scanTo(Infinity);
    return this.starts.length;
  }

  /** Offset where 1-based `line` starts. */
  lineStart(line: number): number {
    while (!this.complete && this.starts.length < line) this.scanTo(this.scanned);
    return this.starts[Math.max(0, Math.min(line - 1, this.starts.length - 1))];
  }

  /** The text of 1-based `line`, without its line break. */
  lineText(line: number): string {
    while (!this.complete && this.starts.length <= line) this.scanTo(this.scanned);
    const start = this.lineStart(line);
    let end = line < this.starts.length ? this.starts[line] - 1 : this.text.length;
    if (end > start && this.text[end - 1] === '\r') end--;
    return this.text.slice(start, Math.max(start, end));
  }
}
