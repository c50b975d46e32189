// The canary (test/support/canary.ts) in the real extension host: written into the workspace in
// every form Flow Vault reads, and as a Key Vault secret in the fake cloud. What the extension
// gives VS Code to show (diagnostics, hovers, code actions, the outline, the Key Vault tree) must
// not hold it. Its log files, code-server's log and the fake cloud's request log are checked by
// the outer runner after the suite (test/integration/run.ts), and the workbench's text by the
// UI test (test/e2e/run.ts).
import * as assert from 'assert';
import * as vscode from 'vscode';
import { assertNoCanary, CANARY, CANARY_SECRET, canaryFiles, hasCanary } from '../../support/canary';
import { answerDialog, dialogRequestFile, flowVault, requireFakeCloud, waitFor, waitForDiagnostics, workspaceRoot } from './helpers';

const SOURCE = 'Flow Vault';
const uriOf = (rel: string): vscode.Uri => vscode.Uri.joinPath(workspaceRoot(), ...rel.split('/'));

interface Snapshot {
  id: string;
  kind: string;
  label: string;
}

const children = async (id?: string): Promise<Snapshot[]> => (await vscode.commands.executeCommand<Snapshot[]>('flowVault.keyVault.getChildren', { id })) ?? [];

async function child(parent: string | undefined, label: string): Promise<Snapshot> {
  const found = await waitFor(async () => (await children(parent)).find((n) => n.label === label), `"${label}" in the Key Vault view`, 30_000, 100);
  return found;
}

/** Everything VS Code may show for a document's findings: diagnostics, hovers, code actions, outline. */
async function shownFor(uri: vscode.Uri, diagnostics: readonly vscode.Diagnostic[]): Promise<string> {
  const parts: unknown[] = [diagnostics.map((d) => ({ message: d.message, code: d.code, source: d.source, related: d.relatedInformation, tags: d.tags }))];
  for (const d of diagnostics) {
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, d.range.start);
    parts.push(hovers.map((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, d.range);
    parts.push(actions.map((a) => ({ title: a.title, command: a.command?.title, kind: a.kind?.value })));
  }
  const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[] | undefined>('vscode.executeDocumentSymbolProvider', uri);
  const names = (list: readonly vscode.DocumentSymbol[] | undefined): unknown[] => (list ?? []).map((s) => [s.name, s.detail, names(s.children)]);
  parts.push(names(symbols));
  return JSON.stringify(parts);
}

describe('The canary secret in the extension host', function () {
  this.timeout(90_000);

  before(async () => {
    await flowVault().activate();
    for (const f of canaryFiles()) {
      await vscode.workspace.fs.writeFile(uriOf(f.path), f.data);
    }
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(uriOf('canary'), { recursive: true }).then(undefined, () => undefined);
  });

  for (const rel of ['canary/nightly-report.robin', 'canary/copied-from-designer.txt', 'canary/broken.robin', 'canary/solution/customizations.xml']) {
    it(`reports ${rel}, with hovers, code actions and outline, without the value`, async () => {
      const uri = uriOf(rel);
      const doc = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(doc);
      assert.ok(hasCanary(doc.getText()), 'the file holds the canary');
      const diagnostics = await waitForDiagnostics(uri, (all) => all.some((d) => d.source === SOURCE), `Flow Vault findings in ${rel}`);
      assertNoCanary(`what VS Code shows for ${rel}`, await shownFor(uri, diagnostics));
    });
  }

  it('scans the workspace, the solution zip included, without the value in any diagnostic', async () => {
    await vscode.commands.executeCommand('flowVault.scanWorkspace');
    const zip = uriOf('canary/NightlyReport_1_0_0_0.zip').toString();
    await waitFor(() => vscode.languages.getDiagnostics().some(([u, d]) => u.toString().startsWith(zip) && d.length > 0), 'findings in the solution zip', 30_000, 100);
    const all = vscode.languages.getDiagnostics().map(([u, d]) => [u.toString(), d.map((x) => ({ message: x.message, code: x.code, related: x.relatedInformation }))]);
    assertNoCanary('the diagnostics of the workspace', JSON.stringify(all));
  });

  it('replaces it with a Get credential action (the log says what was replaced, not with what)', async () => {
    const uri = uriOf('canary/nightly-report.robin');
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    await waitForDiagnostics(uri, (all) => all.some((d) => d.source === SOURCE), 'the findings to fix');
    const result = (await vscode.commands.executeCommand('flowVault.fixAllInFile', uri, { credentialName: 'Nightly report SMTP', silent: true })) as { applied: boolean };
    assert.strictEqual(result.applied, true);
    assert.ok(!hasCanary(editor.document.getText()), 'the fix took every copy of the value out');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('keeps it out of the Key Vault view when it is a secret value, and copies it only on request', async function () {
    requireFakeCloud();
    const contoso = await child(undefined, 'Contoso');
    const prod = await child(contoso.id, 'Contoso RPA Production');
    const vault = await child(prod.id, CANARY_SECRET.vault);
    const id = await vscode.commands.executeCommand<string>('flowVault.keyVault.createSecret', vault.id, { name: CANARY_SECRET.name, value: CANARY, contentType: 'password' });
    assert.strictEqual(id, `${vault.id}|${CANARY_SECRET.name}`);
    const rows = await waitFor(async () => {
      const list = await children(vault.id);
      return list.some((n) => n.label === CANARY_SECRET.name) ? list : undefined;
    }, 'the new secret in the view');
    const versions = await children(id);
    assertNoCanary('the Key Vault tree', JSON.stringify([rows, versions]));
    if (!dialogRequestFile()) return; // this runner cannot click in the workbench: the copy is tested where it can
    const copied = await answerDialog(`Copy the value of secret "${CANARY_SECRET.name}"`, 'Copy Value', () =>
      vscode.commands.executeCommand('flowVault.keyVault.copySecretValue', id),
    );
    assert.strictEqual(copied, true);
    assert.ok((await vscode.env.clipboard.readText()) === CANARY, 'the clipboard holds the value after the confirmed copy');
    await vscode.env.clipboard.writeText('');
  });
});
