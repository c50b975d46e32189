/**
 * Fixes inside `customizations.xml`, and on real lint findings: edits are computed on the
 * decoded Robin and mapped into the XML; decoding the fixed file gives exactly the intended
 * Robin, and nothing outside the edited `<Definition>` changes. The files are written and read
 * back with the standard library and xml2js, never with the project's own encoder or decoder.
 */
import * as assert from 'node:assert/strict';
import { parseString } from 'xml2js';
import { applyEdits, FixableFile } from '../../../src/core/fix';
import { lintText } from '../../../src/core/lint';
import { lines, TEMPLATE } from './helpers';

const GET = (v = 'Credential', name = 'SAP') =>
  `PowerAutomateSecretVariables.GetCredential Credential: '${name}' Timeout: 0 Credential=> ${v}`;

/** A `<Definition>`'s content as an export writes it: a JSON string literal, XML-escaped. */
function exportedDefinition(robin: string): string {
  return JSON.stringify(robin).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The Robin text of each workflow by name: xml2js reads the XML, JSON.parse the definition. */
function definitionsOf(xml: string): Map<string, string> {
  let error: unknown;
  let parsed: { ImportExportXml: { Workflows: { Workflow: { $: { Name: string }; Definition: string[] }[] }[] } } | undefined;
  parseString(xml, { async: false }, (e, r) => {
    error = e;
    parsed = r;
  });
  assert.equal(error, null);
  assert.ok(parsed, 'xml2js gave no result');
  return new Map(parsed.ImportExportXml.Workflows[0].Workflow.map((w) => [w.$.Name, JSON.parse(w.Definition[0]) as string]));
}

function workflow(name: string, id: string, robin: string): string {
  return [
    `    <Workflow WorkflowId="{${id}}" Name="${name}">`,
    `      <JsonFileName>/Workflows/X-${id.toUpperCase()}.json</JsonFileName>`,
    '      <Type>1</Type>',
    '      <Category>6</Category>',
    '      <UIFlowType>2</UIFlowType>',
    `      <Definition>${exportedDefinition(robin)}</Definition>`,
    '      <Inputs>{"schema":{"properties":{},"type":"object"}}</Inputs>',
    '    </Workflow>',
  ].join('\r\n');
}

function solution(...workflows: string[]): string {
  return `\uFEFF<?xml version="1.0" encoding="utf-8"?>\r\n<ImportExportXml xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\r\n  <Workflows>\r\n${workflows.join('\r\n')}\r\n  </Workflows>\r\n</ImportExportXml>\r\n`;
}

/** The file with every `<Definition>` content blanked: what must stay byte-identical. */
function outsideDefinitions(xml: string): string {
  return xml.replace(/<Definition>[\s\S]*?<\/Definition>/g, '<Definition/>');
}

const ROBIN_A = lines('\r\n',
  "@@ConnectionString: ''",
  "@@Type: 'Local'",
  "IMPORT 'controlRepo.appmask' AS appmask",
  '@SENSITIVE: []',
  'IF Folder.Exists THEN',
  "    Email.SendEmail.AuthenticateAndSend SMTPServer: $'''smtp.example.com''' Port: 587 EnableSSL: True Username: $'''robot@example.com''' Password: $'''Xml-Pass-4711''' From: $'''robot@example.com''' To: $'''ops@example.com''' Subject: $'''Report \"<daily>\" & more''' Body: $'''x'''",
  'END',
  "Database.ExecuteSqlStatement.ConnectAndExecute ConnectionString: $'''Server=db;Database=x;User ID=sa;Password=Xml-Db-0815;''' Statement: $'''SELECT 1 WHERE a > 0''' Timeout: 30 Result=> Rows",
);
const ROBIN_B = lines('\r\n', "@@ConnectionString: ''", 'WAIT 1');

describe('fix: customizations.xml round trip', () => {
  const xml = solution(workflow('Flow B', 'bbbbbbbb-0000-0000-0000-000000000002', ROBIN_B), workflow('Flow A', 'aaaaaaaa-0000-0000-0000-000000000001', ROBIN_A));

  it('the linter reports the planted secrets in file offsets inside the XML', () => {
    const result = lintText('solution/customizations.xml', xml);
    const found = result.findings.map((f) => xml.slice(f.range.start, f.range.end));
    assert.ok(found.includes('Xml-Pass-4711'), JSON.stringify([found, result.problems]));
    assert.ok(found.includes('Xml-Db-0815'), JSON.stringify(found));
  });

  it('one fix: decoding the fixed file gives exactly the intended Robin; the rest is identical', () => {
    const result = lintText('solution/customizations.xml', xml);
    const finding = result.findings.find((f) => xml.slice(f.range.start, f.range.end) === 'Xml-Pass-4711');
    assert.ok(finding);
    const file = new FixableFile(xml, 'solution-xml');
    assert.equal(file.getCredentialProblem(finding), undefined);
    const fixed = file.useGetCredential([finding], { template: TEMPLATE, credentialName: 'SMTP robot' });
    assert.ok(fixed.ok);
    const out = applyEdits(xml, fixed.edits);
    assert.equal(outsideDefinitions(out), outsideDefinitions(xml));
    const flows = definitionsOf(out);
    assert.equal(flows.get('Flow B'), ROBIN_B);
    assert.equal(flows.get('Flow A'), lines('\r\n',
      "@@ConnectionString: ''",
      "@@Type: 'Local'",
      "IMPORT 'controlRepo.appmask' AS appmask",
      '@SENSITIVE: []',
      'IF Folder.Exists THEN',
      `    ${GET('Credential', 'SMTP robot')}`,
      "    Email.SendEmail.AuthenticateAndSend SMTPServer: $'''smtp.example.com''' Port: 587 EnableSSL: True Username: $'''robot@example.com''' Password: Credential.Password From: $'''robot@example.com''' To: $'''ops@example.com''' Subject: $'''Report \"<daily>\" & more''' Body: $'''x'''",
      'END',
      "Database.ExecuteSqlStatement.ConnectAndExecute ConnectionString: $'''Server=db;Database=x;User ID=sa;Password=Xml-Db-0815;''' Statement: $'''SELECT 1 WHERE a > 0''' Timeout: 30 Result=> Rows",
    ));
    // The fixed file lints clean for that finding, and still reports the other one.
    const again = lintText('solution/customizations.xml', out).findings.map((f) => out.slice(f.range.start, f.range.end));
    assert.ok(!again.includes('Xml-Pass-4711'));
    assert.ok(again.includes('Xml-Db-0815'));
  });

  it('fix all across the flow; suppression comment and mark-sensitive map through the XML too', () => {
    const result = lintText('solution/customizations.xml', xml);
    const file = new FixableFile(xml, 'solution-xml');
    const fixed = file.useGetCredential(result.findings, { template: TEMPLATE, credentialName: 'SAP' });
    assert.ok(fixed.ok);
    const out = applyEdits(xml, fixed.edits);
    assert.equal(outsideDefinitions(out), outsideDefinitions(xml));
    const text = definitionsOf(out).get('Flow A');
    assert.equal(text, lines('\r\n',
      "@@ConnectionString: ''",
      "@@Type: 'Local'",
      "IMPORT 'controlRepo.appmask' AS appmask",
      '@SENSITIVE: []',
      'IF Folder.Exists THEN',
      `    ${GET()}`,
      "    Email.SendEmail.AuthenticateAndSend SMTPServer: $'''smtp.example.com''' Port: 587 EnableSSL: True Username: $'''robot@example.com''' Password: Credential.Password From: $'''robot@example.com''' To: $'''ops@example.com''' Subject: $'''Report \"<daily>\" & more''' Body: $'''x'''",
      'END',
      GET(),
      "Database.ExecuteSqlStatement.ConnectAndExecute ConnectionString: $'''Server=db;Database=x;User ID=sa;Password=%Credential.Password%;''' Statement: $'''SELECT 1 WHERE a > 0''' Timeout: 30 Result=> Rows",
    ));

    const db = result.findings.find((f) => xml.slice(f.range.start, f.range.end) === 'Xml-Db-0815');
    assert.ok(db);
    const suppressed = file.suppress(db);
    assert.ok(suppressed.ok);
    const sOut = applyEdits(xml, suppressed.edits);
    assert.equal(outsideDefinitions(sOut), outsideDefinitions(xml));
    assert.match(definitionsOf(sOut).get('Flow A') ?? '', new RegExp(`\\r\\n# flow-vault-disable-next-line ${db.ruleId}\\r\\nDatabase\\.`));
    assert.ok(!lintText('solution/customizations.xml', sOut).findings.some((f) => sOut.slice(f.range.start, f.range.end) === 'Xml-Db-0815'));
  });
});

describe('fix: a password input default in <Inputs>', () => {
  it('"Clear the default value" empties the JSON default; Get credential says why it does not apply', () => {
    const robin = lines('\r\n', "@@ConnectionString: ''", '@SENSITIVE: [In_Key]', "@INPUT In_Key : { 'Type': 'String', 'DefaultValue': '' }", 'WAIT 1');
    const inputs = (value: string) =>
      `      <Inputs>{"schema":{"properties":{"In_Key":{"isOptional":false,"default":"${value}","description":"","format":"password","title":"In_Key","type":"string","value":null}},"type":"object"}}</Inputs>`;
    const wf = (value: string) => workflow('Flow C', 'cccccccc-0000-0000-0000-000000000003', robin).replace(
      '      <Inputs>{"schema":{"properties":{},"type":"object"}}</Inputs>', inputs(value));
    const xml = solution(wf('Schema-Default-Secret-1'));
    const finding = lintText('customizations.xml', xml).findings.find((f) => xml.slice(f.range.start, f.range.end) === 'Schema-Default-Secret-1');
    assert.ok(finding);
    const file = new FixableFile(xml, 'solution-xml');
    assert.match(file.getCredentialProblem(finding) ?? '', /default value of a flow input/);
    const cleared = file.clearInputDefault(finding);
    assert.ok(cleared.ok);
    assert.equal(applyEdits(xml, cleared.edits), solution(wf('')));
  });
});

describe('fix: on real lint findings of a Robin file', () => {
  it('fixing every fixable finding leaves none of them', () => {
    const text = lines('\n',
      "@@ConnectionString: ''",
      'IF a = 1 THEN',
      "    Email.SendEmail.AuthenticateAndSend SMTPServer: $'''smtp.x.com''' Port: 25 Username: $'''bob''' Password: $'''Hunter2pass!''' From: $'''a@b.c'''",
      'ELSE',
      "    Database.Connect.Connect ConnectionString: $'''Server=x;User ID=sa;Password=Sup3rS3cret!;''' Connection=> SQL",
      'END',
      "SET dbPassword TO $'''Hunter2pass!'''",
      'FUNCTION Sub1 GLOBAL',
      "    Web.InvokeWebService.InvokeWebService Url: $'''https://x''' Method: Web.Method.Get CustomHeaders: $'''Authorization: Bearer abcdefabcdef12345678''' Response=> R",
      'END FUNCTION',
    );
    const before = lintText('a.robin', text);
    assert.ok(before.findings.length >= 4, `${before.findings.length} findings`);
    const file = new FixableFile(text, 'robin');
    const fixed = file.useGetCredential(before.findings, { template: TEMPLATE, credentialName: 'SAP' });
    assert.ok(fixed.ok);
    const out = applyEdits(text, fixed.edits);
    const after = lintText('a.robin', out);
    assert.deepEqual(after.findings.map((f) => out.slice(f.range.start, f.range.end)), []);
    for (const secret of ['Hunter2pass!', 'Sup3rS3cret!', 'abcdefabcdef12345678']) assert.ok(!out.includes(secret));
  });
});
