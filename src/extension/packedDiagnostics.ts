/**
 * Diagnostics for a definition packed inside a file (the base64 zip of an older export's
 * Workflows JSON): every finding and problem of the packed `script.robin` is shown on the packed
 * value (the whole JSON string), its line, column and rule in the message, with the reason it
 * has no quick fix. Pure: no `vscode`.
 */
import type { Range } from '../core/robin/ast';
import { LineIndex } from '../core/robin/lineIndex';
import { PACKED_NOT_EDITABLE } from '../core/solution';
import { innermostEntry } from '../core/lint/entryPath';
import { maskSecrets } from '../core/lint/mask';
import type { FileResult } from '../core/lint/types';
import { secretsOfResult, type PlainDiagnostic } from './resultDiagnostics';

/** A diagnostic on the packed value (its range, in offsets of the file's own text). */
export type PackedDiagnostic = PlainDiagnostic & { readonly range: Range };

/** The diagnostics of a result whose text was unpacked from the file (`packedAt`); [] for any other. */
export function packedDiagnostics(result: FileResult): PackedDiagnostic[] {
  const range = result.packedAt;
  if (!range) return [];
  const text = result.text ?? '';
  const entry = innermostEntry(result.path) ?? 'the packed definition';
  const index = new LineIndex(text);
  const where = (offset: number): string => {
    const p = index.positionAt(offset);
    return `${entry} ${p.line + 1}:${p.character + 1}`;
  };
  const secrets = secretsOfResult(result, text);
  const out: PackedDiagnostic[] = [];
  for (const f of result.findings) {
    out.push({
      range,
      message: `${where(f.range.start)}: ${maskSecrets(f.message, secrets)} (${f.ruleId}) ${PACKED_NOT_EDITABLE}`,
      severity: f.severity,
      ruleId: f.ruleId,
    });
  }
  for (const p of result.problems) {
    out.push({ range, message: `${p.range ? where(p.range.start) : entry}: ${maskSecrets(p.message, secrets)}` });
  }
  return out;
}
