// "Move to Key Vault and use a Get credential action" inside the real extension host, against
// the fake cloud that test/integration/run.ts starts (demo scenario; the extension signs in
// with the demo service principal by itself). The command runs with arguments (no prompts) on a
// copy of examples/hard-coded-secrets.robin whose SMTP password is the leak canary. What it
// wrote is read back with the SDK and the Dataverse client directly, not through Flow Vault.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { CANARY } from '../../support/canary';
import { flowVault, readBytes, waitForDiagnostics, workspaceRoot } from './helpers';

const repo = path.resolve(__dirname, '..', '..', '..', '..');
const PROD_SUB = '5d1c7e9a-3f2b-4a6d-8e1c-9b0a7f6e5d4c';
const VAULT = 'kv-contoso-rpa-prod';
const ENVIRONMENT = 'contoso-rpa';

interface MoveResult {
  applied: boolean;
  reason?: string;
  userName?: string;
  secretReference?: string;
  undone?: string[];
  remains?: string[];
}

interface CredentialFacts {
  name: string;
  username?: { currentValue?: string };
  password?: { currentValue?: string; type: number; secretStore?: number };
}

function demoSp(): { tenantId: string; clientId: string; clientSecret: string } {
  return JSON.parse(fs.readFileSync(process.env.FLOW_VAULT_DEMO_SP!, 'utf8'));
}

/** A SecretClient of our own (demo service principal), to read what the vault holds. */
function secretClient() {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { SecretClient } = require(path.join(repo, 'node_modules', '@azure', 'keyvault-secrets'));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { ClientSecretCredential } = require(path.join(repo, 'node_modules', '@azure', 'identity'));
  const sp = demoSp();
  return new SecretClient(`https://${VAULT}.vault.azure.net`, new ClientSecretCredential(sp.tenantId, sp.clientId, sp.clientSecret));
}

/** The Dataverse client, compiled from src, signed in as the demo service principal. */
async function environmentClient(): Promise<{ findCredentialByName(name: string): Promise<CredentialFacts | undefined> }> {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const accounts = require(path.join(repo, 'out', 'src', 'azure', 'auth', 'accounts'));
  const clouds = require(path.join(repo, 'out', 'src', 'azure', 'clouds'));
  const discovery = require(path.join(repo, 'out', 'src', 'azure', 'dataverse', 'discovery'));
  const client = require(path.join(repo, 'out', 'src', 'azure', 'dataverse', 'environmentClient'));
  /* eslint-enable @typescript-eslint/no-require-imports */
  const sp = demoSp();
  const account = accounts.servicePrincipalAccount({
    tenantId: sp.tenantId,
    clientId: sp.clientId,
    secret: { kind: 'secret', clientSecret: sp.clientSecret },
    cloud: clouds.AZURE_CLOUDS.AzureCloud,
  });
  const envs: { urlName: string }[] = await discovery.listEnvironments(account, sp.tenantId);
  const env = envs.find((e) => e.urlName === ENVIRONMENT);
  assert.ok(env, `environment ${ENVIRONMENT} is listed`);
  return new client.DataverseEnvironmentClient(account, env);
}

describe('Move to Key Vault (fake cloud, command with arguments)', function () {
  this.timeout(120_000);
  let uri: vscode.Uri;
  let original: Uint8Array;

  before(async () => {
    assert.ok(process.env.FLOW_VAULT_DEMO_SP, 'the runner starts the fake cloud and names the demo service principal');
    await flowVault().activate();
    // Saving keeps copies of the file in VS Code's local history, outside the workspace, where the
    // leak check (secret-leaks.test.ts) would find the canary: that is the user's file, not a leak.
    await vscode.workspace.getConfiguration('workbench.localHistory').update('enabled', false, vscode.ConfigurationTarget.Global);
    const example = fs.readFileSync(path.join(repo, 'examples', 'hard-coded-secrets.robin'), 'utf8');
    assert.ok(example.includes("Password: $'''Lighthouse2024!'''"));
    uri = vscode.Uri.joinPath(workspaceRoot(), 'move-fix', 'send-report.robin');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(example.replace("Password: $'''Lighthouse2024!'''", () => `Password: $'''${CANARY}'''`)));
    original = await readBytes(uri);
  });

  after(async () => {
    await vscode.workspace.getConfiguration('workbench.localHistory').update('enabled', undefined, vscode.ConfigurationTarget.Global);
  });

  async function openWithFinding(): Promise<{ doc: vscode.TextDocument; diagnostic: vscode.Diagnostic }> {
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const diagnostics = await waitForDiagnostics(uri, (d) => d.some((x) => doc.getText(x.range) === CANARY), 'the canary password finding');
    const diagnostic = diagnostics.find((x) => doc.getText(x.range) === CANARY)!;
    return { doc, diagnostic };
  }

  it('is offered beside "Use a Get credential action" on every finding that fix supports, disabled with the reason when the value cannot move', async () => {
    const { diagnostic } = await openWithFinding();
    const titles = async (d: vscode.Diagnostic) =>
      (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, d.range, vscode.CodeActionKind.QuickFix.value)) ?? [];
    const actions = await titles(diagnostic);
    const move = actions.find((a) => a.title === 'Move to Key Vault and use a Get credential action…');
    assert.ok(move, actions.map((a) => a.title).join(' | '));
    assert.strictEqual(move.disabled, undefined);
    assert.strictEqual(move.command?.command, 'flowVault.moveToKeyVault');
    assert.ok(actions.some((a) => /^Use a Get credential action/.test(a.title)));
    // The password stored encrypted for one machine: Get credential applies, the move cannot read the value.
    const all = vscode.languages.getDiagnostics(uri);
    const encrypted = all.find((d) => String(typeof d.code === 'object' ? d.code.value : d.code) === 'password-stored-encrypted-in-flow');
    assert.ok(encrypted);
    // (The API leaves disabled actions out, or returns them with the reason: either way none runs.)
    const onEncrypted = await titles(encrypted);
    assert.ok(onEncrypted.some((a) => /^Use a Get credential action/.test(a.title)), onEncrypted.map((a) => a.title).join(' | '));
    const moves = onEncrypted.filter((a) => a.title.startsWith('Move to Key Vault'));
    assert.ok(moves.every((a) => /stored encrypted for one machine/.test(a.disabled?.reason ?? '')), 'no runnable move on an encrypted value');
  });

  it('refuses an existing secret name: the file, the vault and the environment stay as they were', async () => {
    const { doc, diagnostic } = await openWithFinding();
    const result = await vscode.commands.executeCommand<MoveResult>('flowVault.moveToKeyVault', {
      document: uri.toString(),
      range: diagnostic.range,
      environment: ENVIRONMENT,
      vault: VAULT,
      secretName: 'sap-password',
      credentialName: 'Move fix refused',
      silent: true,
    });
    assert.strictEqual(result.applied, false);
    assert.match(result.reason ?? '', /already has a secret named sap-password.*Nothing was changed\./);
    assert.ok(!JSON.stringify(result).includes(CANARY));
    assert.strictEqual(doc.isDirty, false);
    assert.deepStrictEqual(await readBytes(uri), original);
    assert.strictEqual(await (await environmentClient()).findCredentialByName('Move fix refused'), undefined);
  });

  it('moves the password: the vault holds it, the credential points at it, the file reads Get credential, one undo restores it', async () => {
    const { doc, diagnostic } = await openWithFinding();
    const before = doc.getText();
    const result = await vscode.commands.executeCommand<MoveResult>('flowVault.moveToKeyVault', {
      document: uri.toString(),
      range: diagnostic.range,
      environment: ENVIRONMENT,
      vault: VAULT,
      secretName: 'move-fix-smtp-robot',
      credentialName: 'SMTP robot (move fix)',
      silent: true,
    });
    assert.ok(!JSON.stringify(result).includes(CANARY));
    assert.strictEqual(result.applied, true, result.reason);
    assert.strictEqual(result.userName, 'robot@example.com', 'prefilled from the action');

    // The file: the Get credential line before the statement, the literal replaced, nothing else.
    const line = before.split('\n').findIndex((l) => l.includes(CANARY));
    const get = "PowerAutomateSecretVariables.GetCredential Credential: 'SMTP robot (move fix)' Timeout: 0 Credential=> Credential";
    const lines = before.split('\n');
    lines.splice(line, 1, get, lines[line].replace(`$'''${CANARY}'''`, 'Credential.Password'));
    assert.strictEqual(doc.getText(), lines.join('\n'));

    // The vault and the credential.
    assert.strictEqual((await secretClient().getSecret('move-fix-smtp-robot')).value, CANARY);
    const credential = await (await environmentClient()).findCredentialByName('SMTP robot (move fix)');
    assert.ok(credential, 'the credential exists');
    const reference = `/subscriptions/${PROD_SUB}/resourceGroups/rg-rpa-prod/providers/Microsoft.KeyVault/vaults/${VAULT}/secrets/move-fix-smtp-robot`;
    assert.strictEqual(credential.password?.currentValue, reference);
    assert.strictEqual(result.secretReference, reference);
    assert.strictEqual(credential.username?.currentValue, 'robot@example.com');

    // Saved, then one undo: the original bytes again.
    await doc.save();
    assert.deepStrictEqual(Buffer.from(await readBytes(uri)).toString('utf8'), lines.join('\n'));
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('undo');
    assert.strictEqual(doc.getText(), before);
    await doc.save();
    assert.deepStrictEqual(await readBytes(uri), original);
  });
});
