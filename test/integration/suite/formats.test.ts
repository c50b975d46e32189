// Formats beyond Robin files and customizations.xml in a real extension host: the definition
// packed in an older export's Workflows JSON (a diagnostic on the package string, no quick fix)
// and `.flow` files and the robinFileGlobs of .flowvaultrc.json opened as Robin. The files are written into the workspace copy at run time.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { PACKED_SECRET, packedWorkflowJson, secretPosition } from '../../support/workflow-package';
import { fixtureUri, flowVault, waitFor, waitForDiagnostics } from './helpers';

const SOURCE = 'Flow Vault';
const FLOW_SECRET = 'Fixture-Flow-File-8';
const RPA_SECRET = 'Fixture-Rpa-Glob-9';

describe('Flow Vault on packed Workflows JSON and .flow files', function () {
  this.timeout(60_000);

  before(async () => {
    await flowVault().activate();
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  // The files written here leave the workspace as they found it, for the suites that run later.
  const written: vscode.Uri[] = [];
  const writeFile = async (relativePath: string, text: string): Promise<vscode.Uri> => {
    const uri = fixtureUri(relativePath);
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
    written.push(uri);
    return uri;
  };
  after(async () => {
    for (const uri of written.splice(0)) await vscode.workspace.fs.delete(uri).then(undefined, () => undefined);
  });

  it('shows a finding of the packed script.robin on the package string, says where and why there is no fix, offers none', async () => {
    const json = packedWorkflowJson();
    const uri = await writeFile('solutions/OlderExport/Workflows/RPAChallenge-916F7126.json', json);
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const all = await waitForDiagnostics(uri, (d) => d.some((x) => x.source === SOURCE), 'the finding inside the package');
    const ours = all.filter((x) => x.source === SOURCE);
    assert.strictEqual(ours.length, 1);
    const d = ours[0]!;
    const start = json.indexOf('"UEsDB');
    assert.strictEqual(doc.offsetAt(d.range.start), start, 'starts at the package string');
    assert.strictEqual(doc.offsetAt(d.range.end), json.indexOf('"', start + 1) + 1, 'ends after the package string');
    const at = secretPosition();
    assert.ok(d.message.startsWith(`script.robin ${at.line}:${at.column}: `), 'the place inside script.robin');
    assert.ok(d.message.includes('(secret-in-password-argument)'));
    assert.ok(d.message.includes('cannot be edited in place'));
    assert.ok(!d.message.includes(PACKED_SECRET), 'no message holds the value');
    assert.strictEqual(d.severity, vscode.DiagnosticSeverity.Error);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, d.range);
    const fixes = (actions ?? []).filter((a) => /Get credential|Ignore|sensitive|default value/.test(a.title));
    assert.deepStrictEqual(fixes.map((a) => a.title), [], 'no quick fix for a packed definition');
  });

  it('opens a .flow file as Robin and lints it', async () => {
    const uri = await writeFile('flows/login.flow', `SET Password TO $'''${FLOW_SECRET}'''\n`);
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    await waitFor(() => doc.languageId === 'robin', 'the Robin language on a .flow file');
    const all = await waitForDiagnostics(uri, (d) => d.some((x) => x.source === SOURCE), 'a finding in the .flow file');
    const finding = all.find((x) => x.source === SOURCE)!;
    assert.strictEqual(doc.getText(finding.range), FLOW_SECRET);
    assert.ok(!finding.message.includes(FLOW_SECRET));
  });

  it('opens a file of robinFileGlobs in .flowvaultrc.json as Robin when its content is Robin, and leaves prose alone', async () => {
    await writeFile('rpa/.flowvaultrc.json', '{ "robinFileGlobs": ["*.rpa"] }');
    const notes = await vscode.workspace.openTextDocument(await writeFile('rpa/notes.rpa', 'Meeting notes\nThe password is in the vault.\n'));
    const uri = await writeFile('rpa/login.rpa', `SET Password TO $'''${RPA_SECRET}'''\n`);
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    await waitFor(() => doc.languageId === 'robin', 'the Robin language on login.rpa');
    const all = await waitForDiagnostics(uri, (d) => d.some((x) => x.source === SOURCE), 'a finding in login.rpa');
    assert.strictEqual(doc.getText(all.find((x) => x.source === SOURCE)!.range), RPA_SECRET);
    assert.notStrictEqual(notes.languageId, 'robin');
  });
});
