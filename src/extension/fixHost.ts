/**
 * What the fix commands and code actions share: which document and finding a call means, the
 * fixable view of a document (`FixableFile`, one per version), and applying core edits as ONE
 * WorkspaceEdit (one undo).
 */
import * as vscode from 'vscode';
import { FixableFile, type TextEdit } from '../core/fix';
import type { Finding } from '../core/lint/types';
import type { DocumentLint, LintService } from './diagnostics';
import { nearestOnLine, selectFinding, type FindingRef } from './findingSelection';
import { scriptOf } from './parseCache';
import { PACKED_NOT_EDITABLE } from '../core/solution';

function isEditable(lint: DocumentLint): lint is EditableLint {
  return lint.format === 'robin' || lint.format === 'solution-xml';
}

/** What a fix command returns (for tests and callers); never holds a value. */
export interface FixCommandResult {
  readonly applied: boolean;
  readonly reason?: string;
  readonly fixed?: number;
  readonly skipped?: number;
  readonly variable?: string;
  readonly credentialName?: string;
}

/** The lint of a document whose findings can be fixed in its own text. */
export type EditableLint = DocumentLint & { readonly format: 'robin' | 'solution-xml' };

export interface ResolvedFinding {
  readonly document: vscode.TextDocument;
  readonly lint: EditableLint;
  readonly finding: Finding;
}

type RangeLike = { start: { line: number; character: number }; end: { line: number; character: number } };
type PositionLike = { line: number; character: number };

export class FixHost {
  private readonly files = new WeakMap<vscode.TextDocument, { version: number; file: FixableFile }>();

  constructor(readonly service: LintService) {}

  /** The document a command means: a Uri (or its string) argument, else the active editor's. */
  async documentFor(uri?: unknown): Promise<vscode.TextDocument | undefined> {
    if (uri instanceof vscode.Uri) return vscode.workspace.openTextDocument(uri);
    if (typeof uri === 'string' && uri.includes(':')) return vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
    return vscode.window.activeTextEditor?.document;
  }

  /**
   * The current lint of a document that fixes can edit; undefined for any other, among them a
   * Workflows JSON (its definition is packed in a base64 zip: no fix applies in place).
   */
  async lintOf(document: vscode.TextDocument): Promise<EditableLint | undefined> {
    const lint = await this.service.current(document);
    return lint && isEditable(lint) ? lint : undefined;
  }

  fileOf(document: vscode.TextDocument, lint: EditableLint): FixableFile {
    const hit = this.files.get(document);
    if (hit && hit.version === document.version) return hit.file;
    const file = new FixableFile(document.getText(), lint.format, lint.format === 'robin' ? scriptOf(document) : undefined);
    this.files.set(document, { version: document.version, file });
    return file;
  }

  /**
   * The finding a command means: `ref` is a fingerprint, a range, a position or a
   * `{ start, end }` of lines and characters; without one, the finding at the active cursor.
   */
  async resolve(uri?: unknown, ref?: unknown): Promise<ResolvedFinding | string> {
    const document = await this.documentFor(uri);
    if (!document) return 'Open a desktop flow file first.';
    const current = await this.service.current(document);
    if (current && !isEditable(current)) return `No fix applies here. ${PACKED_NOT_EDITABLE}`;
    const lint = await this.lintOf(document);
    if (!lint) return 'This file is not a desktop flow that Flow Vault lints.';
    const findings = lint.result.findings;
    let finding: Finding | undefined;
    const asRef = this.toRef(document, ref);
    if (asRef) finding = selectFinding(findings, asRef);
    else {
      const editor = vscode.window.activeTextEditor;
      if (editor && editor.document === document) {
        const sel = editor.selection;
        const start = document.offsetAt(sel.start);
        const end = document.offsetAt(sel.end);
        finding = selectFinding(findings, { start, end });
        if (!finding) {
          const line = document.lineAt(sel.active.line);
          finding = nearestOnLine(findings, start, document.offsetAt(line.range.start), document.offsetAt(line.range.end), (f) => f.statementRange);
        }
      }
    }
    if (!finding) return 'There is no Flow Vault finding here. Put the cursor on a hard-coded secret that Flow Vault reports.';
    return { document, lint, finding };
  }

  private toRef(document: vscode.TextDocument, ref: unknown): FindingRef | undefined {
    if (typeof ref === 'string') return { fingerprint: ref };
    if (ref instanceof vscode.Range) return { start: document.offsetAt(ref.start), end: document.offsetAt(ref.end) };
    if (ref instanceof vscode.Position) {
      const o = document.offsetAt(ref);
      return { start: o, end: o };
    }
    if (ref && typeof ref === 'object') {
      const r = ref as Partial<RangeLike & PositionLike & { fingerprint: string; ruleId: string }>;
      if (typeof r.fingerprint === 'string') return { fingerprint: r.fingerprint };
      const pos = (p: PositionLike): number => document.offsetAt(new vscode.Position(p.line, p.character));
      if (r.start && r.end) return { start: pos(r.start), end: pos(r.end), ruleId: r.ruleId };
      if (typeof r.line === 'number' && typeof r.character === 'number') {
        const o = pos(r as PositionLike);
        return { start: o, end: o };
      }
    }
    return undefined;
  }

  workspaceEdit(document: vscode.TextDocument, edits: readonly TextEdit[], label: string): vscode.WorkspaceEdit {
    const edit = new vscode.WorkspaceEdit();
    const metadata: vscode.WorkspaceEditEntryMetadata = { label, needsConfirmation: false };
    for (const e of edits) {
      edit.replace(document.uri, new vscode.Range(document.positionAt(e.range.start), document.positionAt(e.range.end)), e.newText, metadata);
    }
    return edit;
  }

  /** Applies the edits as one WorkspaceEdit and lints again. */
  async apply(document: vscode.TextDocument, edits: readonly TextEdit[], label: string): Promise<boolean> {
    const applied = await vscode.workspace.applyEdit(this.workspaceEdit(document, edits, label));
    if (applied) void this.service.lintDocument(document);
    return applied;
  }
}
