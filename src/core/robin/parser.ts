/**
 * The Robin parser: one pass over the text, statement by statement, with a hand-written scanner.
 *
 * - Never throws: unknown text becomes an `unrecognised` statement, problems go to `messages`.
 * - Linear time: every character is looked at a bounded number of times. No regular expression
 *   runs over the input; a failed `%…%` or bracket is skipped forward, never rescanned.
 * - Bounded recursion: values nest at most `MAX_NEST` deep; deeper brackets are skipped without
 *   recursion and the value degrades to an expression, with a message.
 * - Messages never quote the source text (it may hold a secret).
 *
 * The parser is built in layers, each a class on the one before, each in a file named for it:
 * `tokenizer.ts` (characters, words, string literals, names, messages), `values.ts` (numbers,
 * lists, objects, data tables, `P'…'`), `expressions.ts` (operators, `.x` / `[i]` / `(…)`
 * chains, variables, enums, element references), `arguments.ts` (`Name: value`, `Name=> var`),
 * `nesting.ts` (blocks, depths, subflows, pending annotations), `statements.ts` (actions and
 * keyword statements, comments, regions), `header.ts` (`@@` annotations, `@SENSITIVE`,
 * `@INPUT` / `@OUTPUT`), `trailer.ts` (the ControlRepository JSON), and this file (the line loop).
 */
import type { Script } from './ast';
import { AT, BOM, EQ, GT, HASH, MINUS, SLASH, STAR, isHSpace } from './chars';
import { MAX_MESSAGES, range } from './tokenizer';
import { TrailerParser } from './trailer';

export { MAX_MESSAGES, MAX_NEST } from './tokenizer';

export class Parser extends TrailerParser {
  run(): Script {
    if (this.len > 0 && this.src.charCodeAt(0) === BOM) this.pos = 1;
    this.parseLines();
    this.closeAll('at the end of the text');
    this.flushPendingAnnotations();
    if (this.droppedMessages) {
      this.messages.push({ range: range(this.len, this.len), message: `More than ${MAX_MESSAGES} problems: the rest are not listed` });
    }
    return { statements: this.statements, header: this.header, messages: this.messages };
  }

  /** The line loop, on its own so that its optimised code never meets the end of `run`. */
  protected parseLines(): void {
    while (this.pos < this.len) {
      const before = this.pos;
      this.parseLine();
      if (this.pos <= before) this.pos = before + 1; // cannot happen; guarantees progress
    }
  }

  protected parseLine(): void {
    const lineStart = this.pos;
    this.skipHSpace();
    if (this.atEol()) {
      this.consumeEol();
      return;
    }
    const indent = this.pos === lineStart ? '' : this.indentOf(lineStart, this.pos);
    if (this.isTrailerLine()) {
      this.parseTrailer(indent);
      return;
    }
    for (;;) {
      const blockComment = this.parseStatement(indent);
      this.skipHSpace();
      if (this.atEol()) break;
      const c = this.code(this.pos);
      if (c === HASH) {
        this.parseLineComment(indent);
        break;
      }
      if (blockComment || (c === SLASH && this.code(this.pos + 1) === HASH)) continue;
      this.parseUnrecognised(indent, this.pos, 'Unexpected text after the statement (one statement per line)');
      break;
    }
    this.consumeEol();
  }

  /** Parses one statement at `pos` (not blank). True when it was a block comment. */
  protected parseStatement(indent: string): boolean {
    const start = this.pos;
    const c = this.code(start);
    if (c === HASH) {
      this.parseLineComment(indent);
      return false;
    }
    if (c === SLASH && this.code(start + 1) === HASH) {
      this.parseBlockComment(indent);
      return true;
    }
    if (c === STAR && this.code(start + 1) === STAR) {
      this.parseRegionLine(indent);
      return false;
    }
    if (c === AT) {
      if (this.code(start + 1) === AT) this.parseAnnotationLine(indent);
      else this.parseHeaderDeclaration(indent);
      return false;
    }
    if ((c === EQ || c === MINUS || c === GT) && this.isSeparatorLine()) {
      this.parseSeparator(indent);
      return false;
    }
    let disabled = false;
    if ((c | 32) === 100 && this.word('DISABLE')) {
      const after = start + 7;
      if (isHSpace(this.code(after))) {
        this.pos = after;
        this.skipHSpace();
        disabled = true;
      }
    }
    if (!this.parseKeywordOrAction(start, indent, disabled)) {
      this.parseUnrecognised(indent, start, 'Unrecognised statement');
    }
    return false;
  }
}
