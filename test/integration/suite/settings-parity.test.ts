// The CLI runs exactly what the editor runs: on fixtures/workspace/parity/ (a root configuration
// that ignores vendor/, a nested one in team/ with its own severity and a baseline of its own
// name, a baseline beside the root one, an ignore comment), the editor's diagnostics (rule ids,
// ranges) and its fingerprints and suppressed counts (through the extension's lintOf) equal what
// `flow-vault lint --format json` reports, run from the workspace root and from subfolders.
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { DocumentLintSummary } from '../../../src/extension/extension';
import { fixtureUri, flowVault, REPO_ROOT, waitForDiagnostics, workspaceRoot } from './helpers';

const SOURCE = 'Flow Vault';
const FILES = ['parity/flows/a.robin', 'parity/team/b.robin', 'parity/vendor/v.robin'];
/** The compiled CLI of this repository (the suite runs from its out/ folder). */
const CLI = path.join(REPO_ROOT, 'out', 'src', 'cli', 'main.js');

/** A finding as both sides can say it: 0-based range, rule, fingerprint. */
interface Seen {
  readonly ruleId: string;
  readonly range: string;
  readonly fingerprint?: string;
}

interface FileView {
  readonly findings: Seen[];
  readonly suppressed: number;
}

interface JsonMessage {
  ruleId: string | null;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  fingerprint?: string;
}

const rangeText = (startLine: number, startChar: number, endLine: number, endChar: number): string => `${startLine}:${startChar}-${endLine}:${endChar}`;
const sorted = (seen: Seen[]): Seen[] => [...seen].sort((a, b) => (a.range + a.ruleId < b.range + b.ruleId ? -1 : 1));

/** `flow-vault lint --format json ...args` in `cwd`: each file's findings, by workspace-relative path. */
function cli(args: readonly string[], cwd: string): Map<string, FileView> {
  const env = { ...process.env, NO_COLOR: '1', ELECTRON_RUN_AS_NODE: '1' };
  const r = spawnSync(process.execPath, [CLI, 'lint', '--format', 'json', ...args], { cwd, encoding: 'utf8', env, timeout: 60_000 });
  assert.ok(r.status === 0 || r.status === 1, `flow-vault lint ${args.join(' ')} in ${cwd} exited ${r.status}: ${r.stderr}`);
  const out = new Map<string, FileView>();
  for (const f of JSON.parse(r.stdout) as { filePath: string; messages: JsonMessage[]; suppressedCount: number }[]) {
    const rel = path.relative(workspaceRoot().fsPath, path.resolve(cwd, f.filePath)).split(path.sep).join('/');
    out.set(rel, {
      suppressed: f.suppressedCount,
      findings: sorted(
        f.messages
          .filter((m) => m.ruleId !== null)
          .map((m) => ({ ruleId: m.ruleId!, range: rangeText(m.line - 1, m.column - 1, m.endLine - 1, m.endColumn - 1), fingerprint: m.fingerprint })),
      ),
    });
  }
  return out;
}

/** What the CLI says of a file: nothing at all when it was left out (ignorePaths). */
function cliView(run: Map<string, FileView>, file: string): FileView {
  return run.get(file) ?? { findings: [], suppressed: 0 };
}

function api(): { lintOf(document: vscode.TextDocument): Promise<DocumentLintSummary | undefined> } {
  return flowVault().exports as { lintOf(document: vscode.TextDocument): Promise<DocumentLintSummary | undefined> };
}

const ours = (uri: vscode.Uri): vscode.Diagnostic[] =>
  vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE && typeof d.code === 'object' && d.code !== null);

/** The editor's view of an open file once its diagnostics show `expected` findings. */
async function editorView(file: string, expected: number): Promise<{ diagnostics: Seen[]; lint: FileView }> {
  const document = await vscode.workspace.openTextDocument(fixtureUri(file));
  await vscode.window.showTextDocument(document, { preview: false });
  const diagnostics = await waitForDiagnostics(document.uri, (d) => d.filter((x) => x.source === SOURCE).length === expected, `${expected} finding(s) in ${file}`, 30_000);
  const summary = await api().lintOf(document);
  assert.ok(summary, `${file} is linted as a flow`);
  return {
    diagnostics: sorted(
      diagnostics
        .filter((d) => d.source === SOURCE && typeof d.code === 'object' && d.code !== null)
        .map((d) => ({ ruleId: String((d.code as { value: string | number }).value), range: rangeText(d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character) })),
    ),
    lint: {
      suppressed: summary.suppressed,
      findings: sorted(summary.findings.map((f) => ({ ruleId: f.ruleId, range: rangeText(f.range.start.line, f.range.start.character, f.range.end.line, f.range.end.character), fingerprint: f.fingerprint }))),
    },
  };
}

describe('CLI and editor parity: configuration and baseline', function () {
  this.timeout(120_000);

  before(async function () {
    if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: build first`);
    await flowVault().activate();
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('the editor shows what flow-vault lint reports, run from the workspace root and from subfolders', async () => {
    const root = workspaceRoot().fsPath;
    const runs: [string, Map<string, FileView>, readonly string[]][] = [
      ['lint parity (from the workspace root)', cli(['parity'], root), FILES],
      ['lint (from parity/team)', cli([], path.join(root, 'parity', 'team')), ['parity/team/b.robin']],
      ['lint . (from parity/flows)', cli(['.'], path.join(root, 'parity', 'flows')), ['parity/flows/a.robin']],
    ];
    const fromRoot = runs[0]![1];
    // The fixture is what it says: findings left, some suppressed, one file ignored.
    assert.deepEqual(FILES.map((f) => cliView(fromRoot, f).findings.length), [2, 2, 0]);
    assert.deepEqual(FILES.map((f) => cliView(fromRoot, f).suppressed), [2, 1, 0]);
    assert.ok(!fromRoot.has('parity/vendor/v.robin'), 'vendor/ is left out by ignorePaths');

    for (const file of FILES) {
      const editor = await editorView(file, cliView(fromRoot, file).findings.length);
      for (const [name, run, covers] of runs) {
        if (!covers.includes(file)) continue;
        const expected = cliView(run, file);
        assert.deepEqual(editor.diagnostics, expected.findings.map(({ ruleId, range }) => ({ ruleId, range })), `${file}: diagnostics against ${name}`);
        assert.deepEqual(editor.lint, expected, `${file}: fingerprints and suppressed count against ${name}`);
      }
    }
  });

  it('re-lints when the baseline that a configuration names changes, and its quick fix names that file', async () => {
    const file = 'parity/team/b.robin';
    const document = await vscode.workspace.openTextDocument(fixtureUri(file));
    await vscode.window.showTextDocument(document, { preview: false });
    await waitForDiagnostics(document.uri, () => ours(document.uri).length === 2, `two findings in ${file}`, 30_000);
    // The quick fix names the baseline it writes to.
    const diagnostic = ours(document.uri)[0]!;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, diagnostic.range);
    assert.ok(actions.some((a) => a.title === 'Ignore this finding in the baseline (accepted.json)'), actions.map((a) => a.title).join(' | '));
    const baselineUri = fixtureUri('parity/team/accepted.json');
    const before = await vscode.workspace.fs.readFile(baselineUri);
    const baseline = JSON.parse(new TextDecoder().decode(before)) as { version: number; findings: { fingerprint: string; ruleId: string; path: string }[] };
    const shown = (await api().lintOf(document))!.findings;
    assert.equal(shown.length, 2);
    // Paths in team/accepted.json are relative to team/, the configuration's folder.
    baseline.findings.push(...shown.map((f) => ({ fingerprint: f.fingerprint, ruleId: f.ruleId, path: 'b.robin' })));
    await vscode.workspace.fs.writeFile(baselineUri, new TextEncoder().encode(JSON.stringify(baseline, null, 2)));
    try {
      await waitForDiagnostics(document.uri, () => ours(document.uri).length === 0, `the findings of ${file} accepted by team/accepted.json`, 30_000);
      const root = workspaceRoot().fsPath;
      assert.deepEqual(cliView(cli([], path.join(root, 'parity', 'team')), file), { findings: [], suppressed: 3 }, 'the CLI reads the same baseline');
    } finally {
      await vscode.workspace.fs.writeFile(baselineUri, before);
    }
    await waitForDiagnostics(document.uri, () => ours(document.uri).length === 2, `the findings of ${file} back`, 30_000);
  });
});
