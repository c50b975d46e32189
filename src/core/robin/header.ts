/**
 * Header lines: `@@key: value` annotations (the stored-definition header, or kept for the next
 * statement), `@SENSITIVE: […]`, `@INPUT name : {…}` and `@OUTPUT name : {…}`.
 */
import type {
  Annotation, ObjectValue, Range, SensitiveStatement, Value, VariableDeclaration,
} from './ast';
import { COLON, COMMA, LBRACKET, QUOTE, RBRACKET, identEnd } from './chars';
import { type Mutable, NO_ANNOTATIONS, range, plainText } from './tokenizer';
import { StatementParser } from './statements';

/** `@@` keys that belong to the stored-definition header. */
const HEADER_KEYS = new Set(['connectionstring', 'type', 'desktoptype', 'displayname']);

export abstract class HeaderParser extends StatementParser {
  /** `@@key: value` or `@@'quoted key': value`: kept for the next statement. */
  protected parseAnnotationLine(indent: string): void {
    const start = this.pos;
    this.pos += 2;
    let key: string;
    const keyStart = this.pos;
    if (this.code(this.pos) === QUOTE) {
      const lit = this.scanString();
      key = plainText(lit);
    } else {
      const e = identEnd(this.src, this.pos, this.end);
      if (e === this.pos) {
        this.pos = start;
        this.parseUnrecognised(indent, start, 'Unrecognised @@ annotation');
        return;
      }
      key = this.src.slice(this.pos, e);
      this.pos = e;
    }
    const keyRange = range(keyStart, this.pos);
    this.skipHSpace();
    let value: Value | undefined;
    if (this.code(this.pos) === COLON) {
      this.pos++;
      this.skipHSpace();
      if (!this.atEol()) value = this.parseExpression() ?? this.rawValue(false);
    } else {
      this.msg(start, this.pos, 'Expected : after the annotation key');
    }
    const end = this.trimEnd(start, this.pos);
    const a: Annotation = value ? { range: range(start, end), key, keyRange, value } : { range: range(start, end), key, keyRange };
    // The stored-definition header (`@@ConnectionString`, `@@Type`, …) goes to the script at once;
    // other annotations wait for their statement (or for IMPORT/@SENSITIVE/@INPUT, which makes
    // them header lines too).
    if (!this.seenBody && this.pending.length === 0 && HEADER_KEYS.has(key.toLowerCase())) this.header.push(a);
    else this.pending.push(a);
  }

  /** `@SENSITIVE: […]`, `@INPUT name : {…}`, `@OUTPUT name : {…}`. */
  protected parseHeaderDeclaration(indent: string): void {
    const start = this.pos;
    this.pos++;
    if (this.word('SENSITIVE')) {
      this.pos += 9;
      this.skipHSpace();
      if (this.code(this.pos) === COLON) {
        this.pos++;
        this.skipHSpace();
      }
      const listStart = this.pos;
      if (this.code(listStart) === LBRACKET) {
        this.pos++;
        const variables: { name: string; range: Range }[] = [];
        let ok = false;
        for (;;) {
          this.skipHSpace();
          const c = this.code(this.pos);
          if (c === RBRACKET) { this.pos++; ok = true; break; }
          if (variables.length > 0) {
            if (c !== COMMA) break;
            this.pos++;
            this.skipHSpace();
          }
          const p = this.pos;
          const e = identEnd(this.src, p, this.end);
          if (e === p) break;
          variables.push({ name: this.src.slice(p, e), range: range(p, e) });
          this.pos = e;
        }
        if (ok) {
          const s: Mutable<SensitiveStatement> = {
            kind: 'sensitive',
            range: range(start, this.pos), indent: indent, depth: 0, annotations: NO_ANNOTATIONS, functionName: undefined,
            variables,
            listRange: range(listStart, this.pos),
          };
          this.place(s);
          return;
        }
      }
      this.pos = start;
      this.parseUnrecognised(indent, start, 'Expected @SENSITIVE: [name, …]');
      return;
    }
    const isInput = this.word('INPUT');
    if (isInput || this.word('OUTPUT')) {
      this.pos += isInput ? 5 : 6;
      this.skipHSpace();
      const nameRange = this.parseNameToken();
      if (nameRange) {
        const name = this.tokName;
        this.skipHSpace();
        let properties: ObjectValue | undefined;
        if (this.code(this.pos) === COLON) {
          this.pos++;
          this.skipHSpace();
          const v = this.parseExpression();
          if (v && v.kind === 'object') properties = v;
          else this.msg(start, nameRange.end, `Expected { … } after @${isInput ? 'INPUT' : 'OUTPUT'} name :`);
        }
        const end = this.trimEnd(start, this.pos);
        const s: Mutable<VariableDeclaration> = {
          kind: isInput ? 'input' : 'output',
          range: range(start, end), indent: indent, depth: 0, annotations: NO_ANNOTATIONS, functionName: undefined,
          name,
          nameRange,
        };
        if (properties) s.properties = properties;
        this.place(s);
        return;
      }
    }
    this.pos = start;
    this.parseUnrecognised(indent, start, 'Unrecognised @ line');
  }
}
