/**
 * Offsets to 0-based lines and UTF-16 columns and back. A line ends at `\r\n`, `\n` or a lone
 * `\r`, as in VS Code. Offsets are into the text as given (a leading BOM counts as a character).
 */
export class LineIndex {
  /** Offsets of the first character of each line; built on first use (most texts never need it). */
  private lineStarts: number[] | undefined;
  private readonly length: number;
  private readonly text: string;

  constructor(text: string) {
    this.text = text;
    this.length = text.length;
  }

  private get starts(): number[] {
    return (this.lineStarts ??= findLineStarts(this.text));
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** 0-based line and character of an offset (clamped to the text). */
  positionAt(offset: number): { line: number; character: number } {
    if (!(offset > 0)) offset = 0;
    if (offset > this.length) offset = this.length;
    const starts = this.starts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: offset - starts[lo] };
  }

  /** `line L, column C` (1-based, UTF-16 columns), for messages. */
  describe(offset: number): string {
    const p = this.positionAt(offset);
    return `line ${p.line + 1}, column ${p.character + 1}`;
  }

  /** The offset of a line and character; both are clamped (the character to the line's end, before its line break). */
  offsetAt(line: number, character: number): number {
    if (!(line >= 0)) return 0;
    if (line >= this.starts.length) return this.length;
    line = Math.floor(line);
    const start = this.starts[line];
    const end = this.lineEnd(line);
    if (!(character > 0)) return start;
    return Math.min(start + Math.floor(character), end);
  }

  /** Offset of the first character of a line. */
  lineStart(line: number): number {
    if (line <= 0) return 0;
    if (line >= this.starts.length) return this.length;
    return this.starts[line];
  }

  /** Offset of the end of a line's content, before its line break. */
  lineEnd(line: number): number {
    if (line < 0) return 0;
    if (line >= this.starts.length - 1) return this.length;
    let end = this.starts[line + 1];
    if (end > 0 && this.text.charCodeAt(end - 1) === 10) end--;
    if (end > this.starts[line] && this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }
}

/** Where each line starts: after `\r\n`, `\n` or a lone `\r` (native searches for both, merged in order). */
function findLineStarts(text: string): number[] {
  const starts = [0];
  let cr = text.indexOf('\r');
  let lf = text.indexOf('\n');
  while (cr >= 0 || lf >= 0) {
    if (cr >= 0 && (lf < 0 || cr < lf)) {
      if (lf === cr + 1) {
        starts.push(lf + 1);
        lf = text.indexOf('\n', lf + 1);
      } else {
        starts.push(cr + 1);
      }
      cr = text.indexOf('\r', cr + 1);
    } else {
      starts.push(lf + 1);
      lf = text.indexOf('\n', lf + 1);
    }
  }
  return starts;
}
