// Flow Vault in Restricted Mode: the folder (test/integration/fixtures/untrusted-workspace) opens
// untrusted, and its .vscode/settings.json tries to choose the Get credential template, the
// Azure cloud and the sign-in client id. The linter and its fixes work; the workspace's template
// is ignored until trusted; the cloud features wait (no sign-in, an empty Key Vault view). That
// no request reached the fake cloud is checked by the outer runner (test/integration/run.ts).
// Last, the suite asks the runner to trust the folder (as a user does, in the Workspace Trust
// editor), and the cloud features start without a reload.
import * as assert from 'assert';
import * as vscode from 'vscode';
import * as fs from 'fs';
import { fixtureUri, flowVault, lineOf, onLine, openFixture, sleep, waitFor, waitForDiagnostics } from '../helpers';

const FLOW = { path: 'flows/upload-orders.robin', secret: 'Untrusted-Sftp-Passw0rd!' };
/** What the workspace's template writes, and the default never does. */
const WORKSPACE_TEMPLATE_MARK = 'Timeout: 4242';

interface Snapshot {
  kind: string;
  label: string;
}

const keyVaultRoots = async (): Promise<Snapshot[]> => (await vscode.commands.executeCommand<Snapshot[]>('flowVault.keyVault.getChildren', {})) ?? [];

/** Applies "fix all" with a credential name and returns the fixed text; reverts the file after. */
async function fixAllText(): Promise<string> {
  const editor = await openFixture(FLOW.path);
  const line = lineOf(editor.document, FLOW.secret);
  await waitForDiagnostics(editor.document.uri, (all) => onLine(all, line).length > 0, 'the finding to fix');
  try {
    const result = (await vscode.commands.executeCommand('flowVault.fixAllInFile', editor.document.uri, { credentialName: 'Partner SFTP', silent: true })) as {
      applied: boolean;
      reason?: string;
    };
    assert.strictEqual(result.applied, true, `the fix applies (${result.reason ?? ''})`);
    return editor.document.getText();
  } finally {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
}

async function workspaceSettings(): Promise<Record<string, unknown>> {
  const bytes = await vscode.workspace.fs.readFile(fixtureUri('.vscode/settings.json'));
  return JSON.parse(Buffer.from(bytes).toString('utf8')) as Record<string, unknown>;
}

describe('Flow Vault in an untrusted workspace (Restricted Mode)', function () {
  this.timeout(60_000);

  it('runs in a folder that VS Code does not trust', () => {
    assert.strictEqual(vscode.workspace.isTrusted, false, 'the harness opened the folder untrusted');
  });

  it('lints: a password in a flow gets a diagnostic, without its value', async () => {
    const editor = await openFixture(FLOW.path);
    await flowVault().activate();
    const line = lineOf(editor.document, FLOW.secret);
    const diagnostics = await waitForDiagnostics(editor.document.uri, (all) => onLine(all, line).length > 0, `a diagnostic on line ${line + 1}`);
    for (const d of diagnostics) {
      assert.ok(!d.message.includes(FLOW.secret), 'no diagnostic message contains the password');
    }
  });

  it("ignores the workspace's Get credential template until trusted: the fix writes the default", async () => {
    const settings = await workspaceSettings();
    assert.match(String(settings['flowVault.getCredential.template']), new RegExp(WORKSPACE_TEMPLATE_MARK), 'the workspace sets its own template');
    const text = await fixAllText();
    assert.ok(!text.includes(FLOW.secret), 'the password is gone');
    assert.ok(text.includes("PowerAutomateSecretVariables.GetCredential Credential: 'Partner SFTP' Timeout: 0 Credential=> "), 'the default template was used');
    assert.ok(!text.includes(WORKSPACE_TEMPLATE_MARK), "the workspace's template was not used");
  });

  it('keeps the Key Vault view empty and signs nobody in (the demo service principal is in the environment)', async () => {
    assert.ok(process.env.FLOW_VAULT_DEMO_SP, 'the runner gave the host a service principal to sign in with');
    await flowVault().activate();
    await sleep(1000); // a trusted workspace restores the demo account within this time
    assert.deepStrictEqual(await keyVaultRoots(), []);
  });

  it('refuses to sign in until the workspace is trusted, and says how to trust it', async () => {
    // The command shows a warning and waits for it; dismissing it answers "not signed in".
    const signingIn = Promise.resolve(vscode.commands.executeCommand('flowVault.azure.signInWithServicePrincipal', {
      tenantId: '00000000-0000-4000-8000-000000000001',
      clientId: '00000000-0000-4000-8000-000000000002',
      clientSecret: 'never-sent-anywhere',
    }));
    let settled = false;
    void signingIn.finally(() => (settled = true));
    await sleep(500);
    assert.strictEqual(settled, false, 'the command waits on its message about trust');
    await vscode.commands.executeCommand('notifications.clearAll');
    assert.strictEqual(await signingIn, false);
    assert.deepStrictEqual(await keyVaultRoots(), []);
  });

  it('does not take the Azure cloud or sign-in client id from the workspace', async () => {
    const settings = await workspaceSettings();
    assert.strictEqual(settings['flowVault.azure.cloud'], 'AzureChinaCloud', 'the workspace tries to choose a cloud');
    const c = vscode.workspace.getConfiguration('flowVault.azure');
    assert.strictEqual(c.get('cloud'), 'AzureCloud');
    assert.strictEqual(c.get('vscodeClientId'), '');
  });
});

describe('Flow Vault once the user trusts the folder', function () {
  this.timeout(90_000);

  before(async function () {
    const request = process.env.FLOW_VAULT_TEST_TRUST_REQUEST;
    if (!request) {
      this.skip(); // run alone, without the outer runner that grants trust
    }
    const granted = new Promise<void>((resolve) => {
      const sub = vscode.workspace.onDidGrantWorkspaceTrust(() => {
        sub.dispose();
        resolve();
      });
    });
    await vscode.commands.executeCommand('workbench.trust.manage');
    fs.writeFileSync(request, 'trust');
    await Promise.race([granted, sleep(60_000)]);
    assert.strictEqual(vscode.workspace.isTrusted, true, 'the runner granted trust in the Workspace Trust editor');
  });

  it('starts the cloud features without a reload: the demo account signs in and the Key Vault view fills', async () => {
    await waitFor(async () => (await keyVaultRoots()).some((n) => n.kind === 'tenant' && n.label === 'Contoso'), 'the Contoso tenant in the Key Vault view', 30_000, 100);
  });

  it("uses the workspace's Get credential template now", async () => {
    assert.ok((await fixAllText()).includes(`Credential: 'Partner SFTP' ${WORKSPACE_TEMPLATE_MARK} Credential=> `));
  });

  it('still takes the Azure cloud from user settings only', () => {
    assert.strictEqual(vscode.workspace.getConfiguration('flowVault.azure').get('cloud'), 'AzureCloud');
  });
});
