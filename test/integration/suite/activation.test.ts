// Proves the harness: Flow Vault, installed from its VSIX into a real VS Code, activates when a
// desktop flow opens and reports the password planted in it, inside the real extension host.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { FIXTURES, FLOW_VAULT_ID, fixtureUri, flowVault, lineOf, onLine, recordMetric, sleep, waitFor, waitForDiagnostics } from './helpers';

describe('Flow Vault in a real VS Code extension host', () => {
  it('runs in the VS Code extension host, not in a stand-in', () => {
    assert.match(vscode.version, /^\d+\.\d+\.\d+/);
    assert.ok(typeof vscode.languages.getDiagnostics === 'function');
    assert.notStrictEqual(vscode.env.appName, '', 'the host has an application name');
  });

  it('can use the clipboard (the harness lets the workbench read and write it)', async () => {
    const text = `flow-vault-harness-${Date.now()}`;
    await vscode.env.clipboard.writeText(text);
    assert.strictEqual(await vscode.env.clipboard.readText(), text);
  });

  it(`has ${FLOW_VAULT_ID} installed from its VSIX, with a Node entry point`, () => {
    const ext = flowVault();
    const manifest = ext.packageJSON as { publisher?: string; name?: string; main?: string };
    assert.strictEqual(manifest.publisher, 'flow-vault');
    assert.strictEqual(manifest.name, 'flow-vault');
    assert.ok(manifest.main, 'package.json has a "main" entry');
    assert.strictEqual(ext.extensionKind, vscode.ExtensionKind.Workspace);
  });

  it('activates when a .robin flow is opened, and opens it as Robin', async () => {
    const ext = flowVault();
    const activeBefore = ext.isActive;
    const started = performance.now();
    const doc = await vscode.workspace.openTextDocument(fixtureUri(FIXTURES.robinWithPassword.path));
    await vscode.window.showTextDocument(doc);
    await waitFor(() => ext.isActive, 'Flow Vault to activate after a .robin file opened', 30_000, 2);
    const elapsed = performance.now() - started;
    // isActive is true after a failed activation too; activate() rejects with the failure.
    await ext.activate();
    recordMetric(
      'activation.openRobinToActive',
      activeBefore ? null : elapsed,
      'ms',
      activeBefore ? 'already active before the .robin file opened' : 'openTextDocument of a .robin file until extension.isActive (polled every 2 ms)',
    );
    const languages = ((ext.packageJSON as { contributes?: { languages?: { id: string; extensions?: string[] }[] } }).contributes?.languages ?? []);
    const robin = languages.find((l) => l.extensions?.includes('.robin'));
    assert.ok(robin, 'Flow Vault contributes a language for .robin files');
    assert.strictEqual(doc.languageId, robin.id);
  });

  it('reports the password planted in a .robin flow, on its line, without showing the value', async () => {
    const { path, secret } = FIXTURES.robinWithPassword;
    const uri = fixtureUri(path);
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const line = lineOf(doc, secret);
    const diagnostics = await waitForDiagnostics(uri, (all) => onLine(all, line).length > 0, `a diagnostic on line ${line + 1} of ${path}`);
    const found = onLine(diagnostics, line);
    for (const d of found) {
      assert.ok(!d.message.includes(secret), 'the diagnostic message does not contain the password');
      assert.ok(d.source, 'the diagnostic names its source');
    }
    const clean = fixtureUri(FIXTURES.robinClean.path);
    // Opened, the clean flow is linted too (it is Robin), and nothing is found in it.
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(clean));
    await sleep(1000); // a lint takes milliseconds: a false positive would be there by now
    assert.deepStrictEqual(vscode.languages.getDiagnostics(clean).map((d) => d.message), []);
  });

  it('lints without loading the Azure features (they load on the first cloud command or when the Key Vault view shows)', async () => {
    const ext = flowVault();
    await ext.activate();
    assert.ok(vscode.languages.getDiagnostics(fixtureUri(FIXTURES.robinWithPassword.path)).length > 0, 'the linter ran');
    assert.strictEqual((ext.exports as { azureLoaded?: boolean }).azureLoaded, false);
  });

  for (const fixture of [FIXTURES.robinCrlfBom, FIXTURES.txtWithPassword, FIXTURES.solutionWithPassword]) {
    it(`reports the password planted in ${fixture.path}, without showing the value`, async () => {
      const uri = fixtureUri(fixture.path);
      const doc = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(doc);
      const line = lineOf(doc, fixture.secret);
      const diagnostics = await waitForDiagnostics(uri, (all) => onLine(all, line).length > 0, `a diagnostic on line ${line + 1} of ${fixture.path}`);
      for (const d of diagnostics) {
        assert.ok(!d.message.includes(fixture.secret), 'no diagnostic message contains the password');
      }
    });
  }
});
