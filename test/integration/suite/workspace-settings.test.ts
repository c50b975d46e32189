// A trusted workspace still cannot say where tokens go: the Azure cloud (authority host, ARM and
// Key Vault endpoints all follow it) and the sign-in client id come from user or machine settings
// only. The workspace's .vscode/settings.json chooses another cloud; the Key Vault view stays on
// the public cloud. The same change in user settings does move it (the control).
import * as assert from 'assert';
import * as vscode from 'vscode';
import { flowVault, sleep, waitFor, workspaceRoot } from './helpers';

interface Snapshot {
  kind: string;
  label: string;
}

const roots = async (): Promise<Snapshot[]> => (await vscode.commands.executeCommand<Snapshot[]>('flowVault.keyVault.getChildren', {})) ?? [];
const hasContoso = (nodes: Snapshot[]): boolean => nodes.some((n) => n.kind === 'tenant' && n.label === 'Contoso');

describe('Azure settings from a workspace', function () {
  this.timeout(90_000);
  const settingsFile = (): vscode.Uri => vscode.Uri.joinPath(workspaceRoot(), '.vscode', 'settings.json');

  before(async function () {
    if (!process.env.FLOW_VAULT_DEMO_SP) {
      this.skip(); // the runner did not start the fake cloud
    }
    await flowVault().activate();
    await waitFor(async () => hasContoso(await roots()), 'the public-cloud tenants before the test', 30_000, 100);
  });

  after(async () => {
    await vscode.workspace.fs.delete(settingsFile()).then(undefined, () => undefined);
    await vscode.workspace.getConfiguration('flowVault.azure').update('cloud', undefined, vscode.ConfigurationTarget.Global);
  });

  it('ignores a cloud and a client id chosen in the workspace settings', async () => {
    const changed = new Promise<void>((resolve) => {
      const sub = vscode.workspace.onDidChangeConfiguration(() => {
        sub.dispose();
        resolve();
      });
    });
    const settings = { 'flowVault.azure.cloud': 'AzureChinaCloud', 'flowVault.azure.vscodeClientId': '0badc0de-0000-4000-8000-000000000bad' };
    await vscode.workspace.fs.writeFile(settingsFile(), Buffer.from(JSON.stringify(settings, null, 2)));
    await Promise.race([changed, sleep(5000)]);
    await sleep(1000); // a cloud change restores the accounts at once
    const c = vscode.workspace.getConfiguration('flowVault.azure');
    assert.strictEqual(c.get('cloud'), 'AzureCloud');
    assert.strictEqual(c.get('vscodeClientId'), '');
    assert.ok(hasContoso(await roots()), 'the view still shows the public cloud');
  });

  it('follows the same cloud chosen in user settings (the control)', async () => {
    await vscode.workspace.getConfiguration('flowVault.azure').update('cloud', 'AzureChinaCloud', vscode.ConfigurationTarget.Global);
    await waitFor(async () => !hasContoso(await roots()), 'the view to leave the public cloud', 10_000, 100);
    await vscode.workspace.getConfiguration('flowVault.azure').update('cloud', undefined, vscode.ConfigurationTarget.Global);
    await waitFor(async () => hasContoso(await roots()), 'the public-cloud tenants again', 30_000, 100);
  });
});
