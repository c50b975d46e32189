/**
 * The one place where the host meets the lint engine: per-folder configuration
 * (`.flowvaultrc.json`, found upwards from the file within its workspace folder) and baseline
 * (`.flowvault-baseline.json`), and the path each file is linted under. As in the CLI, paths
 * (and so fingerprints) are relative to the baseline's folder, so that one baseline serves the
 * editor and `flow-vault lint` alike.
 */
import * as vscode from 'vscode';
import * as lint from '../core/lint';
import { parse, type Script } from '../core/robin';
import type { Baseline } from '../core/lint/baseline';
import type { ConfigProblem, ResolvedConfig } from '../core/lint/config';
import type { FileResult } from '../core/lint/types';
import type { Log } from './log';

export const CONFIG_FILE = '.flowvaultrc.json';
export const BASELINE_FILE = '.flowvault-baseline.json';

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

export class LintEngine {
  private cache = new Map<string, Promise<LintSettings>>();
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when configuration or baseline files change (after the cache is dropped). */
  readonly onDidChange = this.changed.event;

  constructor(private readonly log: Log) {}

  invalidate(): void {
    this.cache.clear();
    this.changed.fire();
  }

  dispose(): void {
    this.changed.dispose();
  }

  settingsFor(uri: vscode.Uri): Promise<LintSettings> {
    const dir = vscode.Uri.joinPath(uri, '..');
    const key = dir.toString();
    let hit = this.cache.get(key);
    if (!hit) {
      hit = this.load(uri, dir);
      this.cache.set(key, hit);
    }
    return hit;
  }

  /** The path the engine sees: relative to the settings' root, `/`-separated. */
  enginePath(uri: vscode.Uri, settings: LintSettings): string {
    if (settings.root) {
      const rootPath = settings.root.path.endsWith('/') ? settings.root.path : `${settings.root.path}/`;
      if (uri.scheme === settings.root.scheme && uri.path.startsWith(rootPath)) return uri.path.slice(rootPath.length);
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

  private async load(uri: vscode.Uri, dir: vscode.Uri): Promise<LintSettings> {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    if (!folder) {
      return { config: lint.resolveConfig(), configProblems: [], baselineProblems: [] };
    }
    const configUri = await findUp(CONFIG_FILE, dir, folder.uri);
    let config = lint.resolveConfig();
    let configProblems: readonly ConfigProblem[] = [];
    if (configUri) {
      const text = await readText(configUri);
      if (text !== undefined) {
        const parsed = lint.parseConfig(text, vscode.workspace.asRelativePath(configUri));
        config = lint.resolveConfig(parsed.config);
        configProblems = parsed.problems;
        if (parsed.problems.length > 0) this.log.warn(`${parsed.problems.length} problem(s) in ${vscode.workspace.asRelativePath(configUri)}.`);
      }
    }
    const configDir = configUri ? vscode.Uri.joinPath(configUri, '..') : undefined;
    let baselineUri: vscode.Uri | undefined;
    if (config.baseline && configDir) baselineUri = vscode.Uri.joinPath(configDir, config.baseline);
    baselineUri ??= await findUp(BASELINE_FILE, dir, folder.uri);
    baselineUri ??= vscode.Uri.joinPath(configDir ?? folder.uri, BASELINE_FILE);
    let baseline: Baseline | undefined;
    let baselineProblems: readonly ConfigProblem[] = [];
    const baselineText = await readText(baselineUri);
    if (baselineText !== undefined) {
      const parsed = lint.parseBaseline(baselineText, vscode.workspace.asRelativePath(baselineUri));
      baseline = parsed.baseline;
      baselineProblems = parsed.problems;
      if (parsed.problems.length > 0) this.log.warn(`${parsed.problems.length} problem(s) in ${vscode.workspace.asRelativePath(baselineUri)}.`);
    }
    const root = vscode.Uri.joinPath(baselineUri, '..');
    this.log.debug(
      `Settings for ${vscode.workspace.asRelativePath(dir)}: config ${configUri ? vscode.workspace.asRelativePath(configUri) : '(defaults)'}, baseline ${baseline ? `${baseline.findings.length} entr${baseline.findings.length === 1 ? 'y' : 'ies'}` : '(none)'}.`,
    );
    return { config, configUri, configProblems, baseline, baselineUri, baselineProblems, root };
  }
}

/** The nearest `name` in `from` or a folder above it, not above `stop`. */
async function findUp(name: string, from: vscode.Uri, stop: vscode.Uri): Promise<vscode.Uri | undefined> {
  let dir = from;
  const stopPath = stop.path.replace(/\/+$/, '');
  for (let i = 0; i < 64; i++) {
    const candidate = vscode.Uri.joinPath(dir, name);
    try {
      const stat = await vscode.workspace.fs.stat(candidate);
      if (stat.type & vscode.FileType.File) return candidate;
    } catch {
      // not here
    }
    const here = dir.path.replace(/\/+$/, '');
    if (here === stopPath || !here.startsWith(stopPath) || here === '') return undefined;
    dir = vscode.Uri.joinPath(dir, '..');
  }
  return undefined;
}

export async function readText(uri: vscode.Uri): Promise<string | undefined> {
  try {
    const text = decoder.decode(await vscode.workspace.fs.readFile(uri));
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch {
    return undefined;
  }
}
