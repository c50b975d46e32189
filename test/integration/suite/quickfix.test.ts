// Flow Vault's quick fixes in a real extension host: each code action applied through the API,
// the saved file compared byte for byte (a .robin with BOM + CRLF + tabs, a customizations.xml),
// and undo restoring the original bytes. The credential name is passed as a command argument,
// so no UI is needed. Fixtures: test/integration/fixtures/workspace/fixes/.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { readCustomizations } from '../../../src/core/solution';
import { fixtureUri, flowVault, openFixture, readBytes, waitFor, waitForDiagnostics, workspaceRoot } from './helpers';

const SOURCE = 'Flow Vault';
const GET = (name: string, variable = 'Credential'): string =>
  `PowerAutomateSecretVariables.GetCredential Credential: '${name}' Timeout: 0 Credential=> ${variable}`;
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const crlf = (...lines: string[]): string => lines.map((l) => `${l}\r\n`).join('');
const lf = (...lines: string[]): string => lines.map((l) => `${l}\n`).join('');

interface FixResult {
  applied: boolean;
  reason?: string;
  fixed?: number;
  variable?: string;
}

async function diagnosticFor(editor: vscode.TextEditor, secret: string): Promise<vscode.Diagnostic> {
  const all = await waitForDiagnostics(
    editor.document.uri,
    (d) => d.some((x) => x.source === SOURCE && editor.document.getText(x.range) === secret),
    `a Flow Vault diagnostic on ${secret.replace(/./g, '*')}`,
  );
  return all.find((x) => x.source === SOURCE && editor.document.getText(x.range) === secret)!;
}

async function actionsFor(uri: vscode.Uri, diagnostic: vscode.Diagnostic): Promise<vscode.CodeAction[]> {
  return (await vscode.commands.executeCommand('vscode.executeCodeActionProvider', uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value)) as vscode.CodeAction[];
}

function action(actions: vscode.CodeAction[], title: RegExp): vscode.CodeAction {
  const found = actions.find((a) => title.test(a.title));
  assert.ok(found, `a code action ${title} (got: ${actions.map((a) => a.title).join(' | ')})`);
  return found;
}

/** Runs a code action's command with the extra argument tests use instead of UI. */
async function runWith(a: vscode.CodeAction, extra: object): Promise<FixResult> {
  assert.ok(a.command, `${a.title} runs a command`);
  return (await vscode.commands.executeCommand(a.command.command, ...(a.command.arguments ?? []), { silent: true, ...extra })) as FixResult;
}

async function saveAndRead(editor: vscode.TextEditor): Promise<Buffer> {
  assert.ok(await editor.document.save(), 'the document saved');
  return Buffer.from(await readBytes(editor.document.uri));
}

/** Undoes until the text is the original again, saves, and checks the bytes on disk. */
async function undoTo(editor: vscode.TextEditor, originalText: string, originalBytes: Buffer): Promise<void> {
  await vscode.window.showTextDocument(editor.document);
  await vscode.commands.executeCommand('undo');
  await waitFor(() => editor.document.getText() === originalText, 'undo to restore the original text in one step', 5_000);
  const bytes = await saveAndRead(editor);
  assert.ok(bytes.equals(originalBytes), 'undo restores the original bytes');
}

describe('Flow Vault quick fixes', function () {
  this.timeout(60_000);

  before(async () => {
    await flowVault().activate();
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  describe('a .robin file with BOM, CRLF and tabs', () => {
    const PATH = 'fixes/mail-crlf-bom.robin';
    const HEAD = '# Sends the daily report. Fixture for the quick-fix suite: UTF-8 with BOM, CRLF, tabs.';
    const MAIL = (password: string) =>
      `\tEmail.SendEmail.AuthenticateAndSend SMTPServer: $'''smtp.example.com''' Port: 587 EnableSSL: True Username: $'''robot@example.com''' Password: ${password} From: $'''robot@example.com''' To: $'''ops@example.com''' Subject: $'''Daily report''' Body: $'''See attachment''' IsBodyHtml: False`;
    const DB = (password: string) =>
      `Database.Connect.Connect ConnectionString: $'''Server=db.example.com;Database=Ops;User ID=robot;Password=${password};''' Connection=> SqlConnection`;

    it('"Use a Get credential action" is the preferred fix; the saved bytes are exact; undo restores them', async () => {
      const editor = await openFixture(PATH);
      const original = Buffer.from(await readBytes(editor.document.uri));
      assert.ok(original.subarray(0, 3).equals(BOM), 'the fixture starts with a BOM');
      const originalText = editor.document.getText();
      const diagnostic = await diagnosticFor(editor, 'Quickfix-Mail-Pass-1');
      const actions = await actionsFor(editor.document.uri, diagnostic);
      const fix = action(actions, /^Use a Get credential action/);
      assert.strictEqual(fix.isPreferred, true);
      assert.strictEqual(fix.kind?.value, vscode.CodeActionKind.QuickFix.value);
      const result = await runWith(fix, { credentialName: 'SMTP robot' });
      assert.strictEqual(result.applied, true, result.reason);
      assert.strictEqual(result.variable, 'Credential');

      const bytes = await saveAndRead(editor);
      const expected = Buffer.concat([BOM, Buffer.from(crlf(
        HEAD,
        'IF ReportReady = True THEN',
        `\t${GET('SMTP robot')}`,
        MAIL('Credential.Password'),
        'END',
        DB('Quickfix-Db-Pass-2'),
      ), 'utf8')]);
      assert.ok(bytes.equals(expected), `saved bytes differ:\n${JSON.stringify(bytes.toString('utf8'))}`);
      await waitForDiagnostics(editor.document.uri, (d) => !d.some((x) => x.source === SOURCE && editor.document.getText(x.range).includes('Credential.Password')) && d.filter((x) => x.source === SOURCE).length === 1, 'one finding left');

      await undoTo(editor, originalText, original);
    });

    it('"Replace all" fixes both findings with one credential, as one undoable edit', async () => {
      const editor = await openFixture(PATH);
      const original = Buffer.from(await readBytes(editor.document.uri));
      const originalText = editor.document.getText();
      await diagnosticFor(editor, 'Quickfix-Db-Pass-2');
      const diagnostic = await diagnosticFor(editor, 'Quickfix-Mail-Pass-1');
      const all = action(await actionsFor(editor.document.uri, diagnostic), /^Replace all 2 hard-coded secrets/);
      const result = await runWith(all, { credentialName: 'Ops' });
      assert.strictEqual(result.applied, true, result.reason);
      assert.strictEqual(result.fixed, 2);
      const bytes = await saveAndRead(editor);
      assert.ok(bytes.equals(Buffer.concat([BOM, Buffer.from(crlf(
        HEAD,
        'IF ReportReady = True THEN',
        `\t${GET('Ops')}`,
        MAIL('Credential.Password'),
        'END',
        GET('Ops'),
        DB('%Credential.Password%'),
      ), 'utf8')])), `saved bytes differ:\n${JSON.stringify(bytes.toString('utf8'))}`);
      await waitForDiagnostics(editor.document.uri, (d) => !d.some((x) => x.source === SOURCE), 'no finding left');
      await undoTo(editor, originalText, original);
    });

    it('"Ignore" adds a suppression comment with the statement\'s indentation; the finding goes', async () => {
      const editor = await openFixture(PATH);
      const originalText = editor.document.getText();
      const original = Buffer.from(await readBytes(editor.document.uri));
      const diagnostic = await diagnosticFor(editor, 'Quickfix-Mail-Pass-1');
      const ignore = action(await actionsFor(editor.document.uri, diagnostic), /^Ignore secret-in-password-argument/);
      assert.ok(ignore.edit, 'the edit is attached to the action');
      assert.ok(await vscode.workspace.applyEdit(ignore.edit));
      assert.strictEqual(editor.document.getText(), originalText.replace('\tEmail.', '\t# flow-vault-disable-next-line secret-in-password-argument\r\n\tEmail.'));
      await waitForDiagnostics(editor.document.uri, (d) => !d.some((x) => x.source === SOURCE && x.range.start.line === 3), 'the suppressed finding to go');
      await undoTo(editor, originalText, original);
    });

    it('"Ignore in the baseline" writes .flowvault-baseline.json without the value, and the finding goes', async () => {
      const editor = await openFixture(PATH);
      const diagnostic = await diagnosticFor(editor, 'Quickfix-Db-Pass-2');
      const baseline = action(await actionsFor(editor.document.uri, diagnostic), /baseline/);
      const result = await runWith(baseline, {});
      assert.strictEqual(result.applied, true, result.reason);
      const file = vscode.Uri.joinPath(workspaceRoot(), '.flowvault-baseline.json');
      try {
        const text = new TextDecoder().decode(await readBytes(file));
        const json = JSON.parse(text) as { version: number; findings: { ruleId: string; path: string }[] };
        assert.strictEqual(json.version, 1);
        assert.deepStrictEqual(json.findings.map((f) => [f.ruleId, f.path]), [['secret-in-connection-string', PATH]]);
        assert.ok(!text.includes('Quickfix-'), 'the baseline holds no value');
        await waitForDiagnostics(editor.document.uri, (d) => !d.some((x) => x.source === SOURCE && editor.document.getText(x.range) === 'Quickfix-Db-Pass-2'), 'the baselined finding to go', 30_000);
      } finally {
        await vscode.workspace.fs.delete(file);
      }
      await diagnosticFor(editor, 'Quickfix-Db-Pass-2');
    });
  });

  describe('a stored definition (.robin, LF)', () => {
    const PATH = 'fixes/stored-definition.robin';
    const WEB = (header: string) =>
      `Web.InvokeWebService.InvokeWebService Url: $'''https://api.example.com/orders''' Method: Web.Method.Get Accept: $'''application/json''' ContentType: $'''application/json''' CustomHeaders: $'''Authorization: Bearer ${header}''' ConnectionTimeout: 30 FollowRedirection: True ClearCookies: False FailOnErrorStatus: False EncodeRequestBody: True UserAgent: $'''Mozilla/5.0''' Encoding: Web.Encoding.AutoDetect AcceptUntrustedCertificates: False ResponseHeaders=> WebServiceResponseHeaders Response=> WebServiceResponse StatusCode=> StatusCode`;
    const HEADER = ["@@ConnectionString: ''", "@@Type: 'Local'", "IMPORT 'controlRepo.appmask' AS appmask"];

    it('"Mark as sensitive" creates @SENSITIVE after the header', async () => {
      const editor = await openFixture(PATH);
      const originalText = editor.document.getText();
      const original = Buffer.from(await readBytes(editor.document.uri));
      const diagnostic = await diagnosticFor(editor, 'Quickfix-Set-Pass-3');
      const mark = action(await actionsFor(editor.document.uri, diagnostic), /^Mark txt_ApiPassword as sensitive$/);
      assert.ok(mark.edit);
      assert.ok(await vscode.workspace.applyEdit(mark.edit));
      const bytes = await saveAndRead(editor);
      assert.strictEqual(bytes.toString('utf8'), lf(...HEADER, '@SENSITIVE: [txt_ApiPassword]', "SET txt_ApiPassword TO $'''Quickfix-Set-Pass-3'''", WEB('Quickfix-Token-4abcdef')));
      await undoTo(editor, originalText, original);
    });

    it('the palette command fixes the finding at the cursor (embedded header → %Credential.Password%)', async () => {
      const editor = await openFixture(PATH);
      const originalText = editor.document.getText();
      const original = Buffer.from(await readBytes(editor.document.uri));
      await diagnosticFor(editor, 'Quickfix-Token-4abcdef');
      const at = editor.document.positionAt(originalText.indexOf('Quickfix-Token-4abcdef') + 3);
      editor.selection = new vscode.Selection(at, at);
      const result = (await vscode.commands.executeCommand('flowVault.useGetCredential', undefined, undefined, { credentialName: 'Orders API', silent: true })) as FixResult;
      assert.strictEqual(result.applied, true, result.reason);
      const bytes = await saveAndRead(editor);
      assert.strictEqual(bytes.toString('utf8'), lf(...HEADER, "SET txt_ApiPassword TO $'''Quickfix-Set-Pass-3'''", GET('Orders API'), WEB('%Credential.Password%')));
      await undoTo(editor, originalText, original);
    });

    it('refuses bad credential names without touching the file', async () => {
      const editor = await openFixture(PATH);
      const originalText = editor.document.getText();
      const diagnostic = await diagnosticFor(editor, 'Quickfix-Set-Pass-3');
      const fix = action(await actionsFor(editor.document.uri, diagnostic), /^Use a Get credential action/);
      const result = await runWith(fix, { credentialName: 'two\nlines' });
      assert.strictEqual(result.applied, false);
      assert.strictEqual(editor.document.getText(), originalText);
    });
  });

  it('offers no Get credential fix inside a plain \'…\' string, and the command says why', async () => {
    const editor = await openFixture('fixes/plain-string.robin');
    const originalText = editor.document.getText();
    const diagnostic = await diagnosticFor(editor, 'Quickfix-Plain-5');
    const actions = await actionsFor(editor.document.uri, diagnostic);
    // The provider returns it disabled (with the reason, shown greyed in the editor's menu);
    // the API command leaves disabled actions out.
    assert.ok(!actions.some((a) => /^Use a Get credential action/.test(a.title) && !a.disabled), actions.map((a) => a.title).join(' | '));
    action(actions, /^Ignore secret-in-connection-string/);
    const result = (await vscode.commands.executeCommand('flowVault.useGetCredential', editor.document.uri, diagnostic.range, { credentialName: 'DB', silent: true })) as FixResult;
    assert.strictEqual(result.applied, false);
    assert.match(result.reason ?? '', /plain '…' string/);
    assert.strictEqual(editor.document.getText(), originalText);
  });

  describe('customizations.xml', () => {
    const PATH = 'fixes/solution/customizations.xml';
    const ROBIN = (password: string, extra: string[] = [], inputDefault = 'Quickfix-Input-Key-6') => [
      "@@ConnectionString: ''",
      "@@Type: 'Local'",
      "@@DesktopType: 'local'",
      "IMPORT 'controlRepo.appmask' AS appmask",
      '@SENSITIVE: [In_ArchiveKey]',
      `@INPUT In_ArchiveKey : { 'Description': '', 'FriendlyName': 'In_ArchiveKey', 'Type': 'String', 'IsOptional': False, 'DefaultValue': '${inputDefault}' }`,
      'LOOP FOREACH Invoice IN Invoices',
      ...extra,
      `    Email.SendEmail.AuthenticateAndSend SMTPServer: $'''smtp.example.com''' Port: 587 EnableSSL: True Username: $'''robot@example.com''' Password: ${password} From: $'''robot@example.com''' To: $'''ap@example.com''' Subject: $'''Invoice %Invoice['Id']% > due''' Body: $'''Dear "AP" & team''' IsBodyHtml: False`,
      'END',
    ].map((l) => `${l}\r\n`).join('');
    const outside = (xml: string): string => xml.replace(/<Definition>[\s\S]*?<\/Definition>/g, '<Definition/>');
    const definitionOf = (bytes: Buffer): string | undefined => {
      assert.ok(bytes.subarray(0, 3).equals(BOM), 'the BOM is kept');
      const flows = readCustomizations(bytes.subarray(3).toString('utf8')).flows;
      assert.strictEqual(flows.length, 1);
      return flows[0].definition?.text;
    };

    it('Get credential: decoding the saved file gives exactly the intended Robin; the rest is identical; undo restores it', async () => {
      const editor = await openFixture(PATH);
      const original = Buffer.from(await readBytes(editor.document.uri));
      const originalText = editor.document.getText();
      assert.strictEqual(definitionOf(original), ROBIN("$'''Quickfix-Xml-Pass-9'''"));
      const diagnostic = await diagnosticFor(editor, 'Quickfix-Xml-Pass-9');
      const fix = action(await actionsFor(editor.document.uri, diagnostic), /^Use a Get credential action/);
      assert.strictEqual(fix.isPreferred, true);
      const result = await runWith(fix, { credentialName: 'Invoices SMTP' });
      assert.strictEqual(result.applied, true, result.reason);
      const bytes = await saveAndRead(editor);
      assert.strictEqual(definitionOf(bytes), ROBIN('Credential.Password', [`    ${GET('Invoices SMTP')}`]));
      assert.strictEqual(outside(bytes.toString('utf8')), outside(original.toString('utf8')), 'nothing outside <Definition> changed');
      await undoTo(editor, originalText, original);
    });

    it('"Clear the default value" empties the sensitive input\'s default inside the definition', async () => {
      const editor = await openFixture(PATH);
      const original = Buffer.from(await readBytes(editor.document.uri));
      const originalText = editor.document.getText();
      const diagnostic = await diagnosticFor(editor, 'Quickfix-Input-Key-6');
      const clear = action(await actionsFor(editor.document.uri, diagnostic), /^Clear the default value/);
      assert.ok(clear.edit);
      assert.ok(await vscode.workspace.applyEdit(clear.edit));
      const bytes = await saveAndRead(editor);
      assert.strictEqual(definitionOf(bytes), ROBIN("$'''Quickfix-Xml-Pass-9'''", [], ''));
      assert.strictEqual(outside(bytes.toString('utf8')), outside(original.toString('utf8')));
      await undoTo(editor, originalText, original);
    });
  });

  it('works on a file given by URI without an editor (fix all, then revert)', async () => {
    const uri = fixtureUri('fixes/unopened.robin');
    const before = Buffer.from(await readBytes(uri));
    const result = (await vscode.commands.executeCommand('flowVault.fixAllInFile', uri, { credentialName: 'Access', silent: true })) as FixResult;
    assert.strictEqual(result.applied, true, result.reason);
    const doc = await vscode.workspace.openTextDocument(uri);
    assert.strictEqual(doc.getText(), lf(GET('Access'), "Access.LaunchAccess.LaunchExistingDbInAutomationMode Path: $'''C:\\\\data\\\\orders.accdb''' Password: Credential.Password AccessInstance=> AccessInstance"));
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('workbench.action.files.revert');
    assert.ok(Buffer.from(await readBytes(uri)).equals(before));
  });
});
