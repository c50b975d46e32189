/**
 * The one place where the host meets the lint engine: the configuration and baseline of each
 * file, by the settings rule that `flow-vault lint` follows too (src/core/lint/settings.ts; the
 * search stops at the workspace folder), read through `workspace.fs`, and the path each file is
 * linted under.
 */
import * as vscode from 'vscode';
import * as lint from '../core/lint';
import { parse, type Script } from '../core/robin';
import type { Baseline } from '../core/lint/baseline';
import type { ConfigProblem, ResolvedConfig } from '../core/lint/config';
import { BASELINE_FILE, SettingsResolver, type FileSettings } from '../core/lint/settings';
import { relativeInside } from '../core/lint/settings-paths';
import type { FileResult } from '../core/lint/types';
import type { Log } from './log';

export interface LintSettings {
  readonly config: ResolvedConfig;
  readonly configUri?: vscode.Uri;
  readonly configProblems: readonly ConfigProblem[];
  readonly baseline?: Baseline;
  /** Where the baseline is, or would be created. Undefined outside a workspace folder. */
  readonly baselineUri?: vscode.Uri;
  readonly baselineProblems: readonly ConfigProblem[];
  /** Folder that engine paths are relative to. */
  readonly root?: vscode.Uri;
}

const decoder = new TextDecoder('utf-8');

const OUTSIDE_FOLDERS: LintSettings = { config: lint.resolveConfig(), configProblems: [], baselineProblems: [] };

export class LintEngine {
  /** The settings rule of each workspace folder (keyed by its URI). */
  private readonly resolvers = new Map<string, SettingsResolver>();
  /** Host settings of each core settings object. */
  private readonly adapted = new WeakMap<FileSettings, LintSettings>();
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly baselineNamed = new vscode.EventEmitter<vscode.Uri>();
  /** Fires when configuration or baseline files change (after the cache is dropped). */
  readonly onDidChange = this.changed.event;
  /**
   * Fires for each baseline file that a configuration names (a `baseline` other than
   * `.flowvault-baseline.json`), so that the host watches it too.
   */
  readonly onDidNameBaseline = this.baselineNamed.event;

  constructor(private readonly log: Log) {}

  invalidate(): void {
    for (const r of this.resolvers.values()) r.clear();
    this.changed.fire();
  }

  dispose(): void {
    this.changed.dispose();
    this.baselineNamed.dispose();
  }

  async settingsFor(uri: vscode.Uri): Promise<LintSettings> {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    if (!folder) return OUTSIDE_FOLDERS;
    const settings = await this.resolverOf(folder.uri).forFile(uri.path);
    let hit = this.adapted.get(settings);
    if (!hit) {
      hit = this.adapt(settings, folder.uri);
      this.adapted.set(settings, hit);
    }
    return hit;
  }

  private resolverOf(folder: vscode.Uri): SettingsResolver {
    const key = folder.toString();
    let resolver = this.resolvers.get(key);
    if (!resolver) {
      const at = (path: string): vscode.Uri => folder.with({ path });
      resolver = new SettingsResolver(
        {
          readText: (path) => readText(at(path)),
        },
        { fallbackRoot: folder.path, stopAt: folder.path, displayName: (path) => vscode.workspace.asRelativePath(at(path)) },
      );
      this.resolvers.set(key, resolver);
    }
    return resolver;
  }

  private adapt(s: FileSettings, folder: vscode.Uri): LintSettings {
    const at = (path: string): vscode.Uri => folder.with({ path });
    const configUri = s.configPath === undefined ? undefined : at(s.configPath);
    const baselineUri = at(s.baselinePath);
    if (s.configProblems.length > 0 && configUri) this.log.warn(`${s.configProblems.length} problem(s) in ${vscode.workspace.asRelativePath(configUri)}.`);
    if (s.baselineProblems.length > 0) this.log.warn(`${s.baselineProblems.length} problem(s) in ${vscode.workspace.asRelativePath(baselineUri)}.`);
    if (!s.baselinePath.endsWith(`/${BASELINE_FILE}`)) this.baselineNamed.fire(baselineUri);
    this.log.debug(
      `Settings from ${vscode.workspace.asRelativePath(at(s.root))}: config ${configUri ? vscode.workspace.asRelativePath(configUri) : '(defaults)'}, baseline ${s.baseline ? `${s.baseline.findings.length} entr${s.baseline.findings.length === 1 ? 'y' : 'ies'}` : '(none)'}.`,
    );
    return {
      config: s.config,
      configUri,
      configProblems: s.configProblems,
      baseline: s.baseline,
      baselineUri,
      baselineProblems: s.baselineProblems,
      root: at(s.root),
    };
  }

  /** The path the engine sees: relative to the settings' root, `/`-separated. */
  enginePath(uri: vscode.Uri, settings: LintSettings): string {
    if (settings.root && uri.scheme === settings.root.scheme && uri.authority === settings.root.authority) {
      const inside = relativeInside(settings.root.path, uri.path);
      if (inside !== undefined) return inside;
    }
    if (uri.scheme === 'untitled') return uri.path;
    return vscode.workspace.asRelativePath(uri, false);
  }

  /**
   * Lints an open document's text. A document in the Robin language is linted as Robin whatever
   * its name (`flowVault.robinFileGlobs`, a `.txt` switched to Robin); a solution by its name; a
   * Workflows JSON through the definition packed in it (the result is its `script.robin`).
   * Paths matched by the configuration's `ignorePaths` give no findings.
   */
  lintText(uri: vscode.Uri, text: string, format: 'robin' | 'solution-xml' | 'workflow-json', settings: LintSettings, script?: Script): FileResult {
    const path = this.enginePath(uri, settings);
    if (lint.isPathIgnored(path, settings.config)) return { path, findings: [], problems: [], suppressed: 0 };
    const result = format === 'robin'
      ? lint.lintScript({ script: script ?? parse(text), text, toFileOffset: (o) => o }, { config: settings.config, path })
      : lint.lintText(path, text, { config: settings.config, format });
    return settings.baseline ? lint.applyBaseline([result], settings.baseline)[0] : result;
  }

  /**
   * A file from disk, classified and linted as `flow-vault lint` does with a file it finds (the
   * core's `lintFile`; zips give one result per flow file inside), with the baseline applied.
   * `mayHoldRobin`: the file matches `flowVault.robinFileGlobs`.
   */
  lintFile(uri: vscode.Uri, bytes: Uint8Array, settings: LintSettings, mayHoldRobin = false): lint.FileLint {
    const path = this.enginePath(uri, settings);
    if (lint.isPathIgnored(path, settings.config)) return { kind: 'other', results: [] };
    const linted = lint.lintFile(path, bytes, { config: settings.config, mayHoldRobin });
    if (!settings.baseline) return linted;
    const kept = lint.applyBaseline(linted.results.map((r) => r.result), settings.baseline);
    return { ...linted, results: kept.map((result, i) => ({ result, text: linted.results[i].text })) };
  }
}

export async function readText(uri: vscode.Uri): Promise<string | undefined> {
  try {
    const text = decoder.decode(await vscode.workspace.fs.readFile(uri));
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch {
    return undefined;
  }
}
