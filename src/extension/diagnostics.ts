/**
 * The diagnostics loop (as in code-actions-sample): one collection; lint on open, on save and
 * while typing (debounced per document, `flowVault.lint.run`), clear on close; re-lint open
 * documents when `.flowvaultrc.json`, a baseline (`.flowvault-baseline.json` or the one a
 * configuration names) or the settings change.
 * Workspace scans put their results in the same collection.
 */
import * as vscode from 'vscode';
import type { Range } from '../core/robin/ast';
import type { FileResult, Severity } from '../core/lint/types';
import type { ConfigProblem } from '../core/lint/config';
import { Debouncer } from './debounce';
import { isPathIgnored } from '../core/lint/config';
import { splitEntryPath } from '../core/lint/entryPath';
import { flowFormatOf, type FlowFormat } from './flowDocuments';
import { packedDiagnostics } from './packedDiagnostics';
import { resultDiagnostics, type PlainDiagnostic } from './resultDiagnostics';
import { LineIndex } from '../core/robin/lineIndex';
import { BASELINE_FILE, CONFIG_FILE } from '../core/lint/settings';
import type { LintEngine, LintSettings } from './lintEngine';
import { describeError, type Log } from './log';
import { scriptOf } from './parseCache';
import { ruleDocsCommandUri } from './ruleDocs';
import { readSettings, SECTION } from './settings';

export const DIAGNOSTIC_SOURCE = 'Flow Vault';

const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

/** A lint of an open document, kept for code actions and commands. */
export interface DocumentLint {
  readonly version: number;
  readonly format: FlowFormat;
  readonly result: FileResult;
  readonly settings: LintSettings;
  readonly path: string;
}

export class LintService implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('flowVault');
  private readonly configCollection = vscode.languages.createDiagnosticCollection('flowVault.config');
  private readonly lints = new Map<string, DocumentLint>();
  private readonly debouncer = new Debouncer<string>();
  /** Files whose diagnostics came from a workspace scan (kept when their editor closes). */
  private readonly scanned = new Set<string>();
  /** Scanned files that match `flowVault.robinFileGlobs` (linted as Robin whatever their name). */
  private readonly forcedRobin = new Set<string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidLint = this.changed.event;

  constructor(readonly engine: LintEngine, private readonly log: Log) {}

  dispose(): void {
    this.debouncer.dispose();
    this.collection.dispose();
    this.configCollection.dispose();
    this.changed.dispose();
  }

  /**
   * Lints an open document now (if it is a flow and linting is on); returns the lint. With
   * `publish: false` the diagnostics are left as they are (a fix needs the current findings of
   * a document that, with `lint.run: onSave`, shows those of its last save).
   */
  async lintDocument(document: vscode.TextDocument, options: { publish?: boolean } = {}): Promise<DocumentLint | undefined> {
    const format = flowFormatOf(document);
    if (!format) return undefined;
    const key = document.uri.toString();
    if (!readSettings(document.uri).lintEnabled) {
      this.collection.delete(document.uri);
      this.lints.delete(key);
      return undefined;
    }
    const version = document.version;
    const settings = await this.engine.settingsFor(document.uri);
    if (document.isClosed || document.version !== version) return this.lints.get(key);
    const started = Date.now();
    let result: FileResult;
    const text = document.getText();
    try {
      // The parse is shared with outline, folding and fixes (one per document version).
      result = this.engine.lintText(document.uri, text, format, settings, format === 'robin' ? scriptOf(document) : undefined);
    } catch (e) {
      this.log.error(`Linting ${vscode.workspace.asRelativePath(document.uri)} failed: ${describeError(e)}`);
      return undefined;
    }
    const lint: DocumentLint = { version, format, result, settings, path: this.engine.enginePath(document.uri, settings) };
    this.lints.set(key, lint);
    if (options.publish === false) return lint;
    this.collection.set(document.uri, this.toDiagnostics(document, text, result));
    this.showConfigProblems(settings);
    this.log.debug(
      `Linted ${lint.path} (v${version}) in ${Date.now() - started} ms: ${result.findings.length} finding(s)` +
        (result.findings.length ? ` [${result.findings.map((f) => `${f.ruleId}@${document.positionAt(f.range.start).line + 1}`).join(', ')}]` : '') +
        (result.suppressed ? `, ${result.suppressed} suppressed` : '') + '.',
    );
    this.changed.fire(document.uri);
    return lint;
  }

  /** The lint of the document's current version (lints now if it is stale). */
  async current(document: vscode.TextDocument): Promise<DocumentLint | undefined> {
    const hit = this.lints.get(document.uri.toString());
    if (hit && hit.version === document.version) return hit;
    return this.lintDocument(document, { publish: readSettings(document.uri).lintRun === 'onType' });
  }

  isScanned(uri: vscode.Uri): boolean {
    return this.scanned.has(uri.toString());
  }

  onClose(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    this.debouncer.cancel(key);
    this.lints.delete(key);
    // A scanned file keeps its findings (from the file on disk); others are cleared.
    if (!this.scanned.has(key)) this.collection.delete(document.uri);
    else void this.lintFromDisk(document.uri).catch(() => this.forget(document.uri));
  }

  scheduleLint(document: vscode.TextDocument): void {
    if (!flowFormatOf(document)) return;
    const s = readSettings(document.uri);
    if (s.lintRun !== 'onType') return;
    this.debouncer.schedule(document.uri.toString(), s.debounceMs, () => void this.lintDocument(document));
  }

  /**
   * After a settings, configuration or baseline change. With `lint.run: onSave` a document with
   * unsaved changes keeps the diagnostics of its last save until it is saved again.
   */
  relintOpenDocuments(): void {
    for (const d of vscode.workspace.textDocuments) {
      if (d.isDirty && readSettings(d.uri).lintRun === 'onSave') continue;
      void this.lintDocument(d);
    }
  }

  /**
   * Lints a file from disk (a file that is not open: workspace scan, a scanned file whose editor
   * closed, configuration changes) into the collection. Zips give one result per flow inside,
   * listed on the zip. Returns the number of findings, or undefined when it is not a flow file.
   */
  async lintFromDisk(uri: vscode.Uri, options: { forceRobin?: boolean; maxBytes?: number } = {}): Promise<number | undefined> {
    const rel = vscode.workspace.asRelativePath(uri);
    if (options.maxBytes !== undefined) {
      const stat = await vscode.workspace.fs.stat(uri);
      if (stat.size > options.maxBytes) {
        this.log.info(`Skipped ${rel}: ${Math.round(stat.size / 1048576)} MB is over flowVault.scan.maxFileSizeMB.`);
        return undefined;
      }
    }
    const settings = await this.engine.settingsFor(uri);
    const path = this.engine.enginePath(uri, settings);
    if (isPathIgnored(path, settings.config)) {
      this.forget(uri);
      return undefined;
    }
    const bytes = await vscode.workspace.fs.readFile(uri);
    // Files of flowVault.robinFileGlobs are Robin when their content is (as for `flow-vault lint`).
    const mayHoldRobin = options.forceRobin ?? this.forcedRobin.has(uri.toString());
    const linted = this.engine.lintFile(uri, bytes, settings, mayHoldRobin);
    if (linted.kind === 'binary' || linted.kind === 'other') {
      // Not a flow (any more): as `flow-vault lint` skips a file it finds that is not one.
      this.forget(uri);
      return undefined;
    }
    const diagnostics: vscode.Diagnostic[] = [];
    let count = 0;
    let fileIndex: LineIndex | undefined;
    for (const { result, text } of linted.results) {
      if (result.skippedBinary) continue;
      count += result.findings.length;
      if (linted.kind === 'zip') {
        diagnostics.push(...resultDiagnostics(result, text, splitEntryPath(result.path, path).entry ?? result.path).map((d) => toVscode(d, () => TOP)));
      } else if (result.packedAt) {
        // The packed value's range is in the file's own text.
        const index = (fileIndex ??= new LineIndex(linted.text ?? ''));
        diagnostics.push(...packedDiagnostics(result).map((d) => toVscode(d, (r) => offsetsToRange(index, r))));
      } else {
        diagnostics.push(...fileDiagnostics(result, text));
      }
    }
    this.scanned.add(uri.toString());
    if (mayHoldRobin) this.forcedRobin.add(uri.toString());
    this.collection.set(uri, diagnostics);
    return count;
  }

  /** Re-lints from disk the scanned files that are not open (after a configuration change). */
  relintScannedFiles(): void {
    const open = new Set(vscode.workspace.textDocuments.map((d) => d.uri.toString()));
    for (const key of this.scanned) {
      if (open.has(key)) continue;
      const uri = vscode.Uri.parse(key);
      void this.lintFromDisk(uri).catch(() => this.forget(uri));
    }
  }

  private forget(uri: vscode.Uri): void {
    this.scanned.delete(uri.toString());
    this.forcedRobin.delete(uri.toString());
    this.collection.delete(uri);
  }

  /** `text`: the document's text that `result` was linted from. */
  toDiagnostics(document: vscode.TextDocument, text: string, result: FileResult): vscode.Diagnostic[] {
    const range = (r: { start: number; end: number }): vscode.Range =>
      new vscode.Range(document.positionAt(r.start), document.positionAt(r.end));
    const plain = result.packedAt ? packedDiagnostics(result) : resultDiagnostics(result, text);
    return plain.map((d) => toVscode(d, range));
  }

  private showConfigProblems(settings: LintSettings): void {
    const show = (uri: vscode.Uri | undefined, problems: readonly ConfigProblem[]): void => {
      if (!uri) return;
      if (problems.length === 0) {
        this.configCollection.delete(uri);
        return;
      }
      void vscode.workspace.openTextDocument(uri).then(
        (doc) => this.configCollection.set(uri, problems.map((p) => problemDiagnostic(p.message, p.range ? new vscode.Range(doc.positionAt(p.range.start), doc.positionAt(p.range.end)) : new vscode.Range(0, 0, 0, 0), vscode.DiagnosticSeverity.Warning))),
        () => undefined,
      );
    };
    show(settings.configUri, settings.configProblems);
    show(settings.baselineUri, settings.baselineProblems);
  }
}

const TOP = new vscode.Range(0, 0, 0, 0);

/**
 * A diagnostic from what `resultDiagnostics` or `packedDiagnostics` say: a finding (with its
 * rule's docs link) or a problem (information); `range` turns offsets into positions.
 */
function toVscode(d: PlainDiagnostic, range: (r: Range) => vscode.Range): vscode.Diagnostic {
  const at = d.range ? range(d.range) : TOP;
  if (!d.severity || !d.ruleId) return problemDiagnostic(d.message, at);
  const diagnostic = new vscode.Diagnostic(at, d.message, SEVERITY[d.severity] ?? vscode.DiagnosticSeverity.Warning);
  diagnostic.source = DIAGNOSTIC_SOURCE;
  diagnostic.code = { value: d.ruleId, target: ruleDocsCommandUri(d.ruleId) };
  return diagnostic;
}

/** Offsets as a Range (for files that are not open). */
function offsetsToRange(index: LineIndex, r: { start: number; end: number }): vscode.Range {
  const a = index.positionAt(r.start);
  const b = index.positionAt(r.end);
  return new vscode.Range(a.line, a.character, b.line, b.character);
}

function problemDiagnostic(message: string, range: vscode.Range, severity = vscode.DiagnosticSeverity.Information): vscode.Diagnostic {
  const d = new vscode.Diagnostic(range, message, severity);
  d.source = DIAGNOSTIC_SOURCE;
  return d;
}

/**
 * Diagnostics of a file that is not open: offsets are turned into positions with the text the
 * result refers to.
 */
export function fileDiagnostics(result: FileResult, text: string): vscode.Diagnostic[] {
  const index = new LineIndex(text);
  return resultDiagnostics(result, text).map((d) => toVscode(d, (r) => offsetsToRange(index, r)));
}

export function registerDiagnostics(context: vscode.ExtensionContext, engine: LintEngine, log: Log): LintService {
  const service = new LintService(engine, log);
  const onConfigFile = (uri: vscode.Uri): void => {
    log.info(`${vscode.workspace.asRelativePath(uri)} changed: linting open flows again.`);
    engine.invalidate();
  };
  const watch = (pattern: vscode.GlobPattern): vscode.FileSystemWatcher => {
    const w = vscode.workspace.createFileSystemWatcher(pattern);
    w.onDidCreate(onConfigFile);
    w.onDidChange(onConfigFile);
    w.onDidDelete(onConfigFile);
    return w;
  };
  const watchers = [CONFIG_FILE, BASELINE_FILE].map((name) => watch(`**/${name}`));
  // A baseline a configuration names: watched once it is known.
  const named = new Map<string, vscode.FileSystemWatcher>();
  const watchNamed = (uri: vscode.Uri): void => {
    const key = uri.toString();
    if (named.has(key)) return;
    const slash = uri.path.lastIndexOf('/');
    named.set(key, watch(new vscode.RelativePattern(uri.with({ path: uri.path.slice(0, slash) || '/' }), uri.path.slice(slash + 1))));
  };
  context.subscriptions.push(
    service,
    ...watchers,
    engine.onDidNameBaseline(watchNamed),
    { dispose: () => named.forEach((w) => w.dispose()) },
    engine.onDidChange(() => {
      service.relintOpenDocuments();
      service.relintScannedFiles();
    }),
    vscode.workspace.onDidOpenTextDocument((d) => void service.lintDocument(d)),
    vscode.workspace.onDidSaveTextDocument((d) => void service.lintDocument(d)),
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.contentChanges.length > 0) service.scheduleLint(e.document);
    }),
    vscode.workspace.onDidCloseTextDocument((d) => service.onClose(d)),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(SECTION)) service.relintOpenDocuments();
    }),
  );
  service.relintOpenDocuments();
  return service;
}
