/**
 * Nesting: the open blocks (IF, LOOP, SWITCH, BLOCK, ON ERROR, FUNCTION, regions), the depth and
 * subflow of each statement, the `@@` annotations waiting for their statement, and the
 * messages for blocks left open or closed twice.
 */
import type {
  ActionStatement, Annotation, FunctionStatement, RegionStatement, Statement, Value,
} from './ast';
import {
  type Mutable, type MStatement, type ControlKeyword, NO_ANNOTATIONS, range,
} from './tokenizer';
import { ArgumentParser } from './arguments';

type FrameKind = 'IF' | 'LOOP' | 'SWITCH' | 'BLOCK' | 'ON BLOCK ERROR' | 'ON ERROR' | 'FUNCTION';

interface Frame {
  readonly kind: FrameKind;
  /** Depth of the opening statement (and of its clauses and END). */
  readonly depth: number;
  readonly opener: MStatement;
  /** SWITCH: a CASE or DEFAULT was seen, so the body is one level deeper. */
  caseSeen: boolean;
  /** `ON ERROR REPEAT n TIMES WAIT m`: a block only if the next statement is not `ON ERROR`. */
  tentative: boolean;
}

export abstract class NestingParser extends ArgumentParser {
  protected readonly statements: Statement[] = [];

  protected readonly header: Annotation[] = [];

  protected frames: Frame[] = [];

  protected regions: Mutable<RegionStatement>[] = [];

  protected func: Mutable<FunctionStatement> | undefined;

  protected pending: Annotation[] = [];

  /** Set by `depthFor` for `commit`: the frame the statement opens, and whether it ends the subflow. */
  protected opens: FrameKind | undefined;

  protected opensTentative = false;

  protected leavesFunction = false;

  protected seenBody = false;

  protected lastDepth = 0;

  protected lastEnd = 0;

  protected top(): Frame | undefined {
    return this.frames.length > 0 ? this.frames[this.frames.length - 1] : undefined;
  }

  protected currentDepth(): number {
    const t = this.top();
    if (!t) return 0;
    return t.kind === 'SWITCH' && t.caseSeen ? t.depth + 2 : t.depth + 1;
  }

  /**
   * Nesting for a statement about to be built from `[start, end)`: closes and checks frames,
   * reports, and returns its depth. The frame it opens, if any, is left in `opens` for `commit`,
   * which pushes it once the statement exists. (Statements are built whole, with their final
   * depth, annotations and function name, so that each builder keeps one object shape.)
   */
  protected depthFor(kind: Statement['kind'], keyword: ControlKeyword | undefined, start: number, end: number, repeat: boolean, indent = ''): number {
    const t0 = this.top();
    if (t0 && t0.tentative && kind !== 'comment') {
      if (keyword === 'ON ERROR' && !repeat) this.frames.pop();
      else t0.tentative = false;
    }
    let depth = this.currentDepth();
    this.opens = undefined;
    this.opensTentative = false;
    this.leavesFunction = false;
    if (keyword !== undefined) {
      const t = this.top();
      switch (keyword) {
        case 'IF': this.opens = 'IF'; break;
        case 'LOOP': case 'LOOP FOREACH': case 'LOOP WHILE': this.opens = 'LOOP'; break;
        case 'SWITCH': this.opens = 'SWITCH'; break;
        case 'BLOCK': this.opens = 'BLOCK'; break;
        case 'ELSE IF': case 'ELSE':
          if (t && t.kind === 'IF') depth = t.depth;
          else this.msg(start, end, `${keyword} without IF`);
          break;
        case 'CASE': case 'DEFAULT':
          if (t && t.kind === 'SWITCH') {
            depth = t.depth + 1;
            t.caseSeen = true;
          } else {
            this.msg(start, end, `${keyword} outside SWITCH`);
          }
          break;
        case 'ON BLOCK ERROR': {
          // Handlers follow each other and share one END: a new one ends the previous.
          let b = t;
          if (b && b.kind === 'ON BLOCK ERROR') {
            this.frames.pop();
            b = this.top();
          }
          if (b && b.kind === 'BLOCK') depth = b.depth;
          else this.msg(start, end, 'ON BLOCK ERROR outside BLOCK');
          this.opens = 'ON BLOCK ERROR';
          break;
        }
        case 'ON ERROR':
          if (!repeat && t && t.kind === 'ON ERROR' && !t.tentative && this.isNextClause(t, indent)) {
            // `ON ERROR a` then `ON ERROR`: clauses of one handler, sharing one END (pad-formats §6.2).
            this.frames.pop();
            depth = t.depth;
          } else {
            depth = Math.min(depth, this.lastDepth);
          }
          this.opens = 'ON ERROR';
          this.opensTentative = repeat;
          break;
        case 'END':
          if (t && t.kind !== 'FUNCTION') {
            this.frames.pop();
            depth = t.depth;
          } else {
            this.msg(start, end, 'END without an open block');
          }
          break;
        case 'END FUNCTION': {
          let i = this.frames.length - 1;
          while (i >= 0 && this.frames[i].kind !== 'FUNCTION') i--;
          if (i < 0 || !this.func) {
            this.msg(start, end, 'END FUNCTION without FUNCTION');
            break;
          }
          this.closeFrames(i + 1, 'before END FUNCTION');
          this.closeRegions('before END FUNCTION');
          this.frames.length = i;
          depth = 0;
          this.func.range = range(this.func.range.start, end);
          this.func.closed = true;
          this.leavesFunction = true;
          break;
        }
        default: break;
      }
    } else if (kind === 'function') {
      this.closeAll('before the next FUNCTION');
      depth = 0;
      this.opens = 'FUNCTION';
    }
    return depth;
  }

  /**
   * An `ON ERROR` while the `ON ERROR` of frame `t` is open starts its next clause (rather than
   * the handler of an action inside its body) when it follows that clause's line directly (only
   * comments between), or stands at the same indent.
   */
  protected isNextClause(t: Frame, indent: string): boolean {
    if (t.opener.indent === indent) return true;
    for (let i = this.statements.length - 1; i >= 0; i--) {
      const s = this.statements[i];
      if (s === t.opener) return true;
      if (s.kind !== 'comment') return false;
    }
    return false;
  }

  /**
   * The annotations of a statement of `kind` at `depth` (after `depthFor`): the pending `@@` lines,
   * or none. Updates what the next statement needs to know.
   */
  protected annotationsFor(kind: Statement['kind'], depth: number): readonly Annotation[] {
    if (kind === 'comment') return NO_ANNOTATIONS;
    let annotations = NO_ANNOTATIONS;
    const declaration = kind === 'import' || kind === 'sensitive' || kind === 'input' || kind === 'output';
    if (this.pending.length > 0) {
      if (!this.seenBody && declaration) {
        for (const a of this.pending) this.header.push(a);
      } else {
        annotations = this.pending.slice();
      }
      this.pending.length = 0;
    }
    this.lastDepth = depth;
    if (!declaration) this.seenBody = true;
    return annotations;
  }

  /** Adds a statement built after `depthFor` and `annotationsFor`. */
  protected commit(s: MStatement, depth: number): void {
    const opens = this.opens;
    if (opens !== undefined) {
      this.frames.push({ kind: opens, depth, opener: s, caseSeen: false, tentative: this.opensTentative });
      if (opens === 'FUNCTION') this.func = s as Mutable<FunctionStatement>;
    }
    this.statements.push(s as Statement);
    this.lastEnd = s.range.end;
    if (this.leavesFunction) this.func = undefined;
  }

  /** `depthFor`, `annotationsFor` and `commit` for a statement built with placeholders. */
  protected place(s: MStatement, repeat = false): void {
    const kind = s.kind;
    const depth = this.depthFor(kind, kind === 'control' ? s.keyword : undefined, s.range.start, s.range.end, repeat, s.indent);
    s.depth = depth;
    s.functionName = kind === 'function' ? s.name : this.func ? this.func.name : undefined;
    const annotations = this.annotationsFor(kind, depth);
    if (annotations !== NO_ANNOTATIONS) s.annotations = annotations;
    this.commit(s, depth);
  }

  /** The function name of a statement that is not a FUNCTION line (after `depthFor`). */
  protected functionName(): string | undefined {
    return this.func ? this.func.name : undefined;
  }

  /** A condition action takes its statement's depth, function and annotations. */
  protected placeCondition(c: ActionStatement | Value | undefined, depth: number, functionName: string | undefined, annotations: readonly Annotation[]): void {
    if (!c || c.kind !== 'action') return;
    const a = c as Mutable<ActionStatement>;
    a.depth = depth;
    a.functionName = functionName;
    if (annotations !== NO_ANNOTATIONS) a.annotations = annotations;
  }

  /** Reports and drops frames from index `from` up. */
  protected closeFrames(from: number, where: string): void {
    for (let i = this.frames.length - 1; i >= from; i--) {
      const f = this.frames[i];
      if (f.tentative) continue;
      if (f.kind === 'FUNCTION') {
        this.msg(f.opener.range.start, f.opener.range.end, `FUNCTION without END FUNCTION ${where}`);
        const fs = f.opener as Mutable<FunctionStatement>;
        fs.range = range(fs.range.start, Math.max(fs.range.end, this.lastEnd));
        fs.closed = false;
      } else {
        this.msg(f.opener.range.start, f.opener.range.end, `${f.kind} without END ${where}`);
      }
    }
    this.frames.length = Math.min(this.frames.length, from);
  }

  protected closeRegions(where: string): void {
    for (let i = this.regions.length - 1; i >= 0; i--) {
      const r = this.regions[i];
      this.msg(r.headerRange.start, r.headerRange.end, `**REGION without **ENDREGION ${where}`);
      r.range = range(r.range.start, Math.max(r.range.end, this.lastEnd));
    }
    this.regions = [];
  }

  protected closeAll(where: string): void {
    this.closeFrames(0, where);
    this.closeRegions(where);
    this.func = undefined;
  }

  protected flushPendingAnnotations(): void {
    if (this.pending.length === 0) return;
    const first = this.pending[0];
    if (this.seenBody) {
      this.msg(first.range.start, first.range.end, '@@ annotation not followed by a statement');
    }
    for (const a of this.pending) this.header.push(a);
    this.pending = [];
  }
}
