// Flow Vault's diagnostics in a real extension host: what a diagnostic carries (source, code with
// a docs link, severity, message without the value), positions inside customizations.xml, lint
// while typing and on save, configuration changes, .txt detection, the workspace scan, rule docs,
// outline and folding. Fixtures: test/integration/fixtures/workspace/fixes/.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { fixtureUri, flowVault, lineOf, onLine, openFixture, sleep, waitFor, waitForDiagnostics, workspaceRoot } from './helpers';

const SOURCE = 'Flow Vault';
const ours = (uri: vscode.Uri): vscode.Diagnostic[] => vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
const codeOf = (d: vscode.Diagnostic): { value: string | number; target: vscode.Uri } => {
  assert.ok(typeof d.code === 'object' && d.code !== null && 'target' in d.code, 'the code links to the rule docs');
  return d.code as { value: string | number; target: vscode.Uri };
};

async function setSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('flowVault').update(key, value, vscode.ConfigurationTarget.Workspace);
  const expected = value ?? vscode.workspace.getConfiguration('flowVault').inspect(key)?.defaultValue;
  await waitFor(() => vscode.workspace.getConfiguration('flowVault').get(key) === expected, `flowVault.${key} to read ${String(expected)}`);
}

describe('Flow Vault diagnostics', function () {
  this.timeout(60_000);

  before(async () => {
    await flowVault().activate();
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('carries source, rule code with a docs link, severity, and never the value', async () => {
    const editor = await openFixture('fixes/mail-crlf-bom.robin');
    const uri = editor.document.uri;
    const all = await waitForDiagnostics(uri, (d) => d.filter((x) => x.source === SOURCE).length >= 2, 'two findings in mail-crlf-bom.robin');
    const pass = onLine(all, lineOf(editor.document, 'Quickfix-Mail-Pass-1'))[0];
    assert.ok(pass);
    assert.strictEqual(pass.source, SOURCE);
    const code = codeOf(pass);
    assert.strictEqual(code.value, 'secret-in-password-argument');
    assert.strictEqual(code.target.scheme, 'command');
    assert.strictEqual(code.target.path, 'flowVault.showRuleDocs');
    assert.deepStrictEqual(JSON.parse(decodeURIComponent(code.target.query)), ['secret-in-password-argument']);
    assert.strictEqual(pass.severity, vscode.DiagnosticSeverity.Error);
    assert.strictEqual(editor.document.getText(pass.range), 'Quickfix-Mail-Pass-1', 'the range is the value itself');
    for (const d of ours(uri)) {
      assert.ok(!/Quickfix-/.test(d.message), 'no message holds a value');
    }
  });

  it('finds secrets inside customizations.xml at their place in the XML', async () => {
    const editor = await openFixture('fixes/solution/customizations.xml');
    const uri = editor.document.uri;
    const all = await waitForDiagnostics(uri, (d) => d.filter((x) => x.source === SOURCE).length >= 2, 'findings in the solution');
    const text = editor.document.getText();
    const pass = all.find((d) => editor.document.getText(d.range) === 'Quickfix-Xml-Pass-9');
    assert.ok(pass, `the password's range in the XML (got ${all.map((d) => editor.document.getText(d.range).length).join(',')} chars)`);
    assert.strictEqual(editor.document.offsetAt(pass.range.start), text.indexOf('Quickfix-Xml-Pass-9'));
    assert.ok(all.some((d) => codeOf(d).value === 'secret-in-input-default'));
  });

  it('lints while typing (debounced) and clears fixed findings', async () => {
    const editor = await openFixture('fixes/outline.robin');
    const uri = editor.document.uri;
    await sleep(300);
    assert.deepStrictEqual(ours(uri), []);
    const end = editor.document.lineAt(editor.document.lineCount - 1).range.end;
    await editor.edit((b) => b.insert(end, "\nSET txt_Password TO $'''Typed-Secret-Value-1'''"));
    const found = await waitForDiagnostics(uri, (d) => d.some((x) => x.source === SOURCE), 'a finding for the typed password (no save)');
    assert.ok(found.every((d) => !d.message.includes('Typed-Secret-Value-1')));
    await vscode.commands.executeCommand('undo');
    await waitForDiagnostics(uri, (d) => !d.some((x) => x.source === SOURCE), 'the finding to go after undo');
    assert.ok(editor.document.isDirty === false || editor.document.getText().indexOf('Typed-Secret') < 0);
  });

  it('with flowVault.lint.run = onSave, lints on save only', async () => {
    // This VS Code saves after a delay by default: turn that off so that typing stays unsaved.
    const files = vscode.workspace.getConfiguration('files');
    const autoSave = files.inspect('autoSave')?.workspaceValue;
    await files.update('autoSave', 'off', vscode.ConfigurationTarget.Workspace);
    await setSetting('lint.run', 'onSave');
    try {
      const editor = await openFixture('fixes/outline.robin');
      const uri = editor.document.uri;
      const end = editor.document.lineAt(editor.document.lineCount - 1).range.end;
      await editor.edit((b) => b.insert(end, "\nSET txt_Password TO $'''Typed-Secret-Value-2'''"));
      await sleep(1500);
      assert.deepStrictEqual(ours(uri).map((d) => `${d.range.start.line}: ${d.message}`), [], 'nothing while typing');
      await editor.document.save();
      await waitForDiagnostics(uri, (d) => d.some((x) => x.source === SOURCE), 'a finding after save');
      await editor.edit((b) => b.delete(new vscode.Range(editor.document.positionAt(editor.document.getText().indexOf("\nSET txt_Password")), editor.document.positionAt(editor.document.getText().length))));
      await editor.document.save();
      await waitForDiagnostics(uri, (d) => !d.some((x) => x.source === SOURCE), 'no finding after the fix is saved');
    } finally {
      await setSetting('lint.run', undefined);
      await files.update('autoSave', autoSave, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('re-lints open flows when .flowvaultrc.json changes', async () => {
    const editor = await openFixture('fixes/unopened.robin');
    const uri = editor.document.uri;
    await waitForDiagnostics(uri, (d) => d.some((x) => x.source === SOURCE), 'the finding before configuration');
    const rc = vscode.Uri.joinPath(workspaceRoot(), 'fixes', '.flowvaultrc.json');
    await vscode.workspace.fs.writeFile(rc, new TextEncoder().encode('{ "rules": { "secret-in-password-argument": "off" } }\n'));
    try {
      await waitForDiagnostics(uri, (d) => !d.some((x) => x.source === SOURCE), 'the rule turned off by .flowvaultrc.json', 30_000);
    } finally {
      await vscode.workspace.fs.delete(rc);
    }
    await waitForDiagnostics(uri, (d) => d.some((x) => x.source === SOURCE), 'the finding back after the config is deleted', 30_000);
  });

  it('opens a .txt file whose content is Robin as Robin and lints it', async () => {
    const doc = await vscode.workspace.openTextDocument(fixtureUri('fixes/clipboard.txt'));
    await vscode.window.showTextDocument(doc);
    const uri = doc.uri;
    await waitFor(() => vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString() && d.languageId === 'robin'), 'clipboard.txt in the Robin language');
    await waitForDiagnostics(uri, (d) => d.some((x) => x.source === SOURCE && codeOf(x).value === 'secret-in-password-argument'), 'the password in clipboard.txt');
  });

  it('scans the workspace with progress and reports files that are not open', async () => {
    const neverOpened = fixtureUri('fixes/scan-only/never-opened.robin');
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === neverOpened.toString()), 'no test opened it');
    assert.deepStrictEqual(ours(neverOpened), []);
    const summary = (await vscode.commands.executeCommand('flowVault.scanWorkspace', { silent: true })) as {
      linted: number;
      findings: number;
      files: string[];
      cancelled: boolean;
    };
    assert.ok(summary, 'the command returns a summary');
    assert.strictEqual(summary.cancelled, false);
    assert.ok(summary.linted >= 6, `linted ${summary.linted}`);
    assert.ok(summary.files.some((f) => f.endsWith('fixes/solution/customizations.xml')), summary.files.join(', '));
    assert.ok(!summary.files.some((f) => f.endsWith('send-report-clean.robin')), 'a clean flow has no findings');
    const diags = ours(neverOpened);
    assert.ok(diags.some((d) => codeOf(d).value === 'secret-in-password-argument'), 'findings of a file read from disk');
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === neverOpened.toString()), 'the scan did not open it');
    assert.ok(!summary.files.some((f) => f.includes('node_modules')));
    // A solution zip: its findings are listed on the zip, named by entry and line.
    const zip = ours(fixtureUri('fixes/scan-only/FixesSolution_1_0_0_0.zip'));
    assert.strictEqual(zip.length, 2, zip.map((d) => d.message).join(' | '));
    assert.ok(zip.every((d) => d.message.startsWith('customizations.xml (Fixes: Send invoices), line ')));
    assert.ok(zip.every((d) => !d.message.includes('Quickfix-')));
  });

  it('the workspace scan reads a UTF-16 Robin .txt (saved by Notepad as Unicode) as flow-vault lint does', async () => {
    const unicode = fixtureUri('fixes/scan-only/copied-unicode.txt');
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === unicode.toString()), 'no test opened it');
    const summary = (await vscode.commands.executeCommand('flowVault.scanWorkspace', { silent: true })) as { files: string[] };
    assert.ok(summary.files.some((f) => f.endsWith('fixes/scan-only/copied-unicode.txt')), summary.files.join(', '));
    const diags = ours(unicode);
    assert.strictEqual(diags.length, 1, diags.map((d) => d.message).join(' | '));
    assert.strictEqual(codeOf(diags[0]).value, 'secret-in-password-argument');
    // Line 4, at the value: positions in the decoded text (the BOM is not a character).
    assert.strictEqual(diags[0].range.start.line, 3);
    assert.strictEqual(diags[0].range.start.character, 130);
    assert.ok(!diags[0].message.includes('Quickfix-Utf16-Pass-11'));
  });

  it('shows a rule\'s documentation from its code link', async () => {
    const target = (await vscode.commands.executeCommand('flowVault.showRuleDocs', 'secret-in-password-argument')) as string;
    assert.ok(target, 'the command returns the docs URI');
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(target));
    assert.match(doc.getText(), /^# secret-in-password-argument/);
    assert.match(doc.getText(), /flow-vault-disable-next-line secret-in-password-argument/);
  });

  it('gives the outline (subflows, regions, inputs) and folding ranges', async () => {
    const editor = await openFixture('fixes/outline.robin');
    const symbols = (await vscode.commands.executeCommand('vscode.executeDocumentSymbolProvider', editor.document.uri)) as vscode.DocumentSymbol[];
    const names = symbols.map((s) => `${vscode.SymbolKind[s.kind]}:${s.name}`);
    assert.deepStrictEqual(names, ['Variable:In_Folder', 'Namespace:Setup', "Function:Send mail"]);
    const folds = (await vscode.commands.executeCommand('vscode.executeFoldingRangeProvider', editor.document.uri)) as vscode.FoldingRange[];
    const starts = folds.map((f) => editor.document.lineAt(f.start).text.trim());
    for (const s of ['**REGION Setup', 'LOOP FOREACH Item IN Items', 'IF Item = 1 THEN', "FUNCTION 'Send mail' GLOBAL"]) {
      assert.ok(starts.includes(s), `a fold starts at ${s} (got ${starts.join(' | ')})`);
    }
  });
});
