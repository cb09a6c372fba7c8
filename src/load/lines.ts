/** Offsets ↔ 1-based line and column (UTF-16 code units, as editors and SARIF count). */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(readonly text: string) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  /** 1-based line and column of a UTF-16 offset. */
  position(offset: number): { line: number; column: number } {
    const o = Math.max(0, Math.min(offset, this.text.length));
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
    return this.starts.length;
  }

  /** Offset where 1-based `line` starts. */
  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line - 1, this.starts.length - 1))];
  }

  /** The text of 1-based `line`, without its line break. */
  lineText(line: number): string {
    const start = this.lineStart(line);
    let end = line < this.starts.length ? this.starts[line] - 1 : this.text.length;
    if (end > start && this.text[end - 1] === '\r') end--;
    return this.text.slice(start, Math.max(start, end));
  }
}
