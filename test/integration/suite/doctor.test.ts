// The doctor inside the real extension host, against the fake cloud's demo scenario that
// test/integration/run.ts starts (Flow Vault signs in with the demo service principal by itself).
// The command runs with its arguments (no prompts); the tree is read through
// flowVault.doctor.getTreeItems (plain snapshots), and the Markdown export is read back.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { flowVault, waitFor } from './helpers';

interface Item {
  label: string;
  description?: string;
  tooltip?: string;
  icon?: string;
  contextValue?: string;
  children?: Item[];
}

const repo = path.resolve(__dirname, '..', '..', '..', '..');

function demoValues(): string[] {
  const scenario = JSON.parse(fs.readFileSync(path.join(repo, 'src', 'fake-azure', 'scenarios', 'demo.json'), 'utf8'));
  const values: string[] = [];
  const walk = (o: unknown): void => {
    if (Array.isArray(o)) o.forEach(walk);
    else if (o && typeof o === 'object') for (const [k, v] of Object.entries(o)) (k === 'value' && typeof v === 'string' ? values.push(v) : walk(v));
  };
  walk(scenario.tenants);
  return values;
}

describe('Doctor (fake cloud, demo service principal)', function () {
  this.timeout(120_000);

  before(async () => {
    await flowVault().activate();
  });

  it('runs from its command, shows groups and checks with icons, evidence and fix actions, and exports Markdown', async () => {
    await vscode.commands.executeCommand('flowVault.doctor.run', {
      environment: 'https://contoso-rpa.crm4.dynamics.com',
      machine: 'RPA-VM-02',
      credentials: ['SAP service account', 'Legacy FTP upload'],
    });
    const tree = await waitFor(async () => {
      const items = await vscode.commands.executeCommand<Item[]>('flowVault.doctor.getTreeItems');
      return items && items.length > 0 ? items : undefined;
    }, 'the doctor report in the tree', 60_000);
    assert.deepStrictEqual(tree.map((g) => g.label), ['Environment', 'Machine registration', 'This computer', 'Credentials']);
    const machine = tree.find((g) => g.label === 'Machine registration')!;
    assert.strictEqual(machine.icon, 'error');
    const status = machine.children!.find((c) => c.label === 'Machine status')!;
    assert.strictEqual(status.icon, 'error');
    assert.match(status.tooltip ?? '', /requires reconnection/);
    assert.match(status.contextValue ?? '', /^doctorCheck\.fail\.url/);
    const credentials = tree.find((g) => g.label === 'Credentials')!;
    assert.deepStrictEqual(credentials.children!.map((c) => c.label), ['SAP service account', 'Legacy FTP upload']);
    const ftp = credentials.children!.find((c) => c.label === 'Legacy FTP upload')!;
    assert.strictEqual(ftp.icon, 'error');
    assert.match(ftp.description ?? '', /1 failed/);
    const expiry = ftp.children!.find((c) => c.label.startsWith('Secret is not expired'))!;
    assert.strictEqual(expiry.icon, 'error');
    assert.match(expiry.description ?? '', /expired/);
    assert.match(expiry.contextValue ?? '', /\.command/);
    const local = tree.find((g) => g.label === 'This computer')!;
    assert.ok(local.children!.every((c) => c.icon === 'circle-slash'));

    const doc = await vscode.commands.executeCommand<vscode.TextDocument>('flowVault.doctor.exportMarkdown');
    assert.ok(doc);
    const text = doc.getText();
    assert.match(text, /^# Flow Vault doctor report/);
    assert.match(text, /## What to fix/);
    const everything = JSON.stringify(tree) + text;
    for (const v of demoValues()) assert.ok(!everything.includes(v), 'no secret value of the scenario in the tree or the export');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
