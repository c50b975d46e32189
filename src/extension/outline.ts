/**
 * Outline (document symbols) and folding ranges of a Robin script, as plain data. Pure: no
 * `vscode`; `symbols.ts` turns these into the editor's types.
 */
import type { Argument, Range, Script, Statement, StringLiteral, Value } from '../core/robin/ast';

export type OutlineKind = 'subflow' | 'region' | 'input' | 'output';

export interface OutlineSymbol {
  readonly name: string;
  readonly detail: string;
  readonly kind: OutlineKind;
  readonly range: Range;
  readonly selectionRange: Range;
  readonly children: OutlineSymbol[];
}

/** Subflows (`FUNCTION`), regions (`**REGION`) and flow inputs/outputs, nested by containment. */
export function outline(script: Script): OutlineSymbol[] {
  const flat: OutlineSymbol[] = [];
  for (const s of script.statements) {
    switch (s.kind) {
      case 'function':
        flat.push({
          name: s.name,
          detail: s.parameters.length > 0
            ? s.parameters.map((p) => (p.output ? `OUTPUT ${p.name}` : p.name)).join(', ')
            : s.global ? 'GLOBAL' : '',
          kind: 'subflow',
          range: s.range,
          selectionRange: s.nameRange,
          children: [],
        });
        break;
      case 'region':
        flat.push({
          name: s.name || '(region)',
          detail: 'region',
          kind: 'region',
          range: s.range,
          selectionRange: s.headerRange,
          children: [],
        });
        break;
      case 'input':
      case 'output':
        flat.push({
          name: s.name,
          detail: s.kind === 'input' ? 'input' : 'output',
          kind: s.kind,
          range: s.range,
          selectionRange: s.nameRange,
          children: [],
        });
        break;
      default:
        break;
    }
  }
  flat.sort((a, b) => a.range.start - b.range.start || b.range.end - a.range.end);
  const roots: OutlineSymbol[] = [];
  const stack: OutlineSymbol[] = [];
  for (const sym of flat) {
    while (stack.length > 0 && !(stack[stack.length - 1].range.start <= sym.range.start && sym.range.end <= stack[stack.length - 1].range.end)) {
      stack.pop();
    }
    (stack.length > 0 ? stack[stack.length - 1].children : roots).push(sym);
    stack.push(sym);
  }
  return roots;
}

export interface Fold {
  /** Zero-based line numbers, inclusive. */
  readonly startLine: number;
  readonly endLine: number;
  readonly kind?: 'comment' | 'region';
}

/** Offsets to zero-based line numbers. */
export class Lines {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      if (ch === 10) this.starts.push(i + 1);
      else if (ch === 13 && text.charCodeAt(i + 1) !== 10) this.starts.push(i + 1);
    }
  }

  lineOf(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  get count(): number {
    return this.starts.length;
  }
}

/**
 * FUNCTION…END FUNCTION and blocks (IF/ELSE/LOOP/SWITCH/BLOCK/ON ERROR…END: a statement whose
 * following statements are deeper folds until the next one at its depth), keeping the closing
 * line visible; `**REGION`…`**ENDREGION`; multi-line strings; block comments; the
 * ControlRepository trailer.
 */
export function foldingRanges(script: Script, text: string): Fold[] {
  const lines = new Lines(text);
  const folds: Fold[] = [];
  const add = (start: number, end: number, kind?: Fold['kind']): void => {
    if (end > start) folds.push(kind ? { startLine: start, endLine: end, kind } : { startLine: start, endLine: end });
  };
  const statements = script.statements;
  const lastLineOf = (r: Range): number => lines.lineOf(Math.max(r.start, r.end - 1));

  statements.forEach((s, i) => {
    const startLine = lines.lineOf(s.range.start);
    switch (s.kind) {
      case 'function':
        add(startLine, lastLineOf(s.range) - (s.closed ? 1 : 0));
        return;
      case 'region':
        add(startLine, lastLineOf(s.range), 'region');
        return;
      case 'trailer':
        add(startLine, lastLineOf(s.range));
        return;
      case 'comment':
        if (s.block) add(startLine, lastLineOf(s.range), 'comment');
        return;
      case 'control': {
        // A block's END is followed by deeper lines only in `BLOCK … ON BLOCK ERROR … END body END`.
        if (s.keyword === 'END' || s.keyword === 'END FUNCTION') return;
        if (s.keyword === 'BLOCK') {
          const end = blockEnd(statements, i);
          if (end !== undefined) add(lastLineOf(s.range), lines.lineOf(statements[end].range.start) - 1);
          return;
        }
        let j = i + 1;
        let lastDeeper = -1;
        while (j < statements.length && statements[j].kind !== 'function' && statements[j].depth > s.depth) {
          if (statements[j].kind !== 'region') lastDeeper = j;
          j++;
        }
        if (lastDeeper < 0) return;
        const next = statements[j];
        const endLine = next && next.kind !== 'function' && next.depth === s.depth && next.kind === 'control'
          ? lines.lineOf(next.range.start) - 1
          : lastLineOf(statements[lastDeeper].range);
        add(lastLineOf(s.range), endLine);
        return;
      }
      default:
        return;
    }
  });

  forEachString(script, (lit) => {
    const start = lines.lineOf(lit.range.start);
    const end = lastLineOf(lit.range);
    if (end > start + 1) add(start, end - 1);
  });

  // Deduplicate (a region and a block can start on the same line) and sort.
  const seen = new Set<string>();
  return folds
    .filter((f) => {
      const key = `${f.startLine}:${f.endLine}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine);
}

/**
 * The END that closes `BLOCK` at index `i`: the first END at its depth, or the second when the
 * block starts with `ON BLOCK ERROR` handlers (they share one END before the body).
 */
function blockEnd(statements: readonly Statement[], i: number): number | undefined {
  const depth = statements[i].depth;
  const next = statements[i + 1];
  let ends = next && next.kind === 'control' && next.keyword === 'ON BLOCK ERROR' && next.depth === depth ? 2 : 1;
  for (let j = i + 1; j < statements.length; j++) {
    const s = statements[j];
    if (s.kind === 'function' || s.depth < depth) return undefined;
    if (s.depth === depth && s.kind === 'control' && s.keyword === 'END' && --ends === 0) return j;
  }
  return undefined;
}

/** Every string literal in the script's statements (arguments, values, annotations, conditions). */
export function forEachString(script: Script, visit: (s: StringLiteral) => void): void {
  const value = (v: Value | undefined): void => {
    if (!v) return;
    switch (v.kind) {
      case 'string': visit(v); break;
      case 'expression': v.strings.forEach(visit); break;
      case 'list': v.items.forEach(value); break;
      case 'object': v.entries.forEach((e) => { value(e.key); value(e.value); }); break;
      case 'datatable': v.header.forEach(value); v.rows.forEach((r) => r.forEach(value)); break;
      default: break;
    }
  };
  const args = (list: readonly Argument[]): void => list.forEach((a) => value(a.value));
  const statement = (s: Statement): void => {
    s.annotations.forEach((a) => value(a.value));
    switch (s.kind) {
      case 'action': args(s.args); break;
      case 'set': value(s.value); break;
      case 'call': args(s.args); break;
      case 'control':
        if (s.condition) {
          if (s.condition.kind === 'action') statement(s.condition);
          else value(s.condition);
        }
        args(s.args);
        break;
      case 'input': case 'output': value(s.properties); break;
      default: break;
    }
  };
  script.statements.forEach(statement);
  script.header.forEach((a) => value(a.value));
}
