/**
 * Diagnostics for a definition packed inside a file (the base64 zip of an older export's
 * Workflows JSON): every finding and problem of the packed `script.robin` is shown on the packed
 * value (the whole JSON string), its line, column and rule in the message, with the reason it
 * has no quick fix. Pure: no `vscode`.
 */
import type { Range } from '../core/robin/ast';
import { LineIndex } from '../core/robin/lineIndex';
import { PACKED_NOT_EDITABLE } from '../core/solution';
import type { FileResult, Severity } from '../core/lint/types';
import { safeMessage } from './messages';

export interface PackedDiagnostic {
  /** In offsets of the file's own text: the packed value. */
  readonly range: Range;
  readonly message: string;
  /** A finding's severity; undefined for a problem (shown as information). */
  readonly severity?: Severity;
  readonly ruleId?: string;
}

/** The diagnostics of a result whose text was unpacked from the file (`packedAt`); [] for any other. */
export function packedDiagnostics(result: FileResult): PackedDiagnostic[] {
  const range = result.packedAt;
  if (!range) return [];
  const text = result.text ?? '';
  const entry = result.path.includes('!/') ? result.path.slice(result.path.lastIndexOf('!/') + 2) : 'the packed definition';
  let index: LineIndex | undefined;
  const where = (offset: number): string => {
    const p = (index ??= new LineIndex(text)).positionAt(offset);
    return `${entry} ${p.line + 1}:${p.character + 1}`;
  };
  const out: PackedDiagnostic[] = [];
  for (const f of result.findings) {
    const secret = text.slice(f.range.start, f.range.end);
    const message = safeMessage(f.message, secret, `Hard-coded secret (${f.kind}).`);
    out.push({
      range,
      message: `${where(f.range.start)}: ${message} (${f.ruleId}) ${PACKED_NOT_EDITABLE}`,
      severity: f.severity,
      ruleId: f.ruleId,
    });
  }
  for (const p of result.problems) {
    out.push({ range, message: `${p.range ? where(p.range.start) : entry}: ${p.message}` });
  }
  return out;
}
