import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  credentialNames,
  credentialUsesInBytes,
  credentialUses,
  credentialUsesInClientData,
  credentialUsesInFile,
  usesCredential,
} from '../../../src/core/credentials';
import { encodeForDefinition } from '../../../src/core/solution';
import { corpusRoot, filesUnder } from '../robin/helpers';
import { solutionXml, workflowXml } from '../solution/helpers';
import { packedWorkflowJson } from '../../support/workflow-package';
import { makeZip } from '../../support/zip-writer';

const GET = (name: string, variable = 'Credential') => `PowerAutomateSecretVariables.GetCredential Credential: '${name}' Timeout: 0 Credential=> ${variable}`;

const FLOW = [
  '# Log in to SAP',
  GET('SAP robot'),
  "UIAutomation.PopulateTextField.PopulateTextField TextField: appmask['SAP']['Txt_Password'] Text: Credential.Password",
  "PowerAutomateSecretVariables.GetCredential.GetCredential Credential: $'''Mail account''' Timeout: 30 Credential=> MailCred",
  "DISABLE powerautomatesecretvariables.getcredential credential: '''Old \\'legacy\\' login''' Credential=> OldCred",
  'FUNCTION Nightly GLOBAL',
  "    PowerAutomateSecretVariables.GetCredential Credential: $'''%Environment%-sap''' Credential=> Dyn",
  '    PowerAutomateSecretVariables.GetCredential Credential: CredentialName Credential=> Dyn2',
  'END FUNCTION',
].join('\r\n');

describe('credentials/usedBy', () => {
  it('finds every shape of Get credential: quotes, selector, case, DISABLE, subflows, computed names', () => {
    const uses = credentialUses(FLOW);
    assert.deepEqual(
      uses.map((u) => [u.name, u.expression, u.variable, u.disabled, u.subflow]),
      [
        ['SAP robot', undefined, 'Credential', false, undefined],
        ['Mail account', undefined, 'MailCred', false, undefined],
        ["Old 'legacy' login", undefined, 'OldCred', true, undefined],
        [undefined, '%Environment%-sap', 'Dyn', false, 'Nightly'],
        [undefined, 'CredentialName', 'Dyn2', false, 'Nightly'],
      ],
    );
    // Ranges: the whole name literal, and the whole statement.
    assert.equal(FLOW.slice(uses[0].range.start, uses[0].range.end), "'SAP robot'");
    assert.equal(FLOW.slice(uses[0].statementRange.start, uses[0].statementRange.end), GET('SAP robot'));
    assert.equal(FLOW.slice(uses[1].range.start, uses[1].range.end), "$'''Mail account'''");
    assert.deepEqual(credentialNames(uses), ['SAP robot', 'Mail account', "Old 'legacy' login"]);
  });

  it('reads the action the configured template names, as well as PAD\'s own', () => {
    const template = "Vault.GetCredential Name: '${credentialName}' Result=> ${variable}";
    const text = [GET('A'), "Vault.GetCredential Name: 'B' Result=> C2", "Vault.GetCredential Credential: 'not the name argument' Result=> C3"].join('\n');
    assert.deepEqual(credentialUses(text, { template }).map((u) => u.name), ['A', 'B']);
    // Without that template, the other module is not Get credential.
    assert.deepEqual(credentialUses(text).map((u) => u.name), ['A']);
    // An unusable template falls back on PAD's action.
    assert.deepEqual(credentialUses(text, { template: 'nonsense' }).map((u) => u.name), ['A']);
  });

  it('finds a Get credential used as a condition', () => {
    const text = "IF (PowerAutomateSecretVariables.GetCredential Credential: 'X' Credential=> C) THEN\nEND";
    assert.deepEqual(credentialUses(text).map((u) => u.name), ['X']);
  });

  it('ignores look-alikes: comments, strings, other actions, CyberArk', () => {
    const text = [
      `# ${GET('In a comment')}`,
      `/# ${GET('In a block comment')} #/`,
      `SET Note TO $'''${GET('In a string').replace(/'/g, "\\'")}'''`,
      "PowerAutomateSecretVariables.GetSecret Credential: 'Other action' Credential=> X",
      "Cyberark.GetPassword.GetPassword Safe: $'''s''' Object: $'''o''' Password=> P",
      "Display.ShowMessageDialog.ShowMessage Message: $'''Credential: \\'Nope\\''''",
    ].join('\n');
    assert.deepEqual(credentialUses(text), []);
    assert.deepEqual(credentialUses(''), []);
  });

  it('matches credential names without regard to case or surrounding spaces', () => {
    const [use] = credentialUses(GET('SAP Robot'));
    assert.ok(usesCredential(use, 'sap robot '));
    assert.ok(!usesCredential(use, 'SAP robot 2'));
    assert.ok(!usesCredential({ name: undefined }, 'SAP robot'));
  });

  it('reads the desktop flows of a customizations.xml, with ranges in the file', () => {
    const script = `@@Type: 'Local'\r\n${GET('SAP <prod> & "test"')}\r\nDisplay.ShowMessageDialog.ShowMessage Message: $'''x'''\r\n`;
    const xml = solutionXml(
      workflowXml('Uses SAP', `"${encodeForDefinition(script)}"`),
      workflowXml('Clean', `"${encodeForDefinition("Display.ShowMessageDialog.ShowMessage Message: $'''y'''\r\n")}"`),
    );
    const files = credentialUsesInFile('solution/customizations.xml', xml);
    assert.equal(files.length, 1);
    assert.equal(files[0].flowName, 'Uses SAP');
    const [use] = files[0].uses;
    assert.equal(use.name, 'SAP <prod> & "test"');
    assert.equal(xml.slice(use.range.start, use.range.end), "'SAP &lt;prod&gt; &amp; \\\"test\\\"'");
  });

  it('reads Robin files and packed Workflows JSON, and nothing from other files', () => {
    assert.deepEqual(credentialUsesInFile('flows/login.robin', GET('A'))[0].uses.map((u) => u.name), ['A']);
    assert.deepEqual(credentialUsesInFile('flows/login.txt', GET('A'))[0].uses.map((u) => u.name), ['A']);
    const json = packedWorkflowJson(`${GET('Packed')}\r\n`);
    const [packed] = credentialUsesInFile('solution/Workflows/Flow-0000.json', json);
    assert.deepEqual(packed.uses.map((u) => u.name), ['Packed']);
    assert.ok(json.slice(packed.uses[0].range.start, packed.uses[0].range.end).startsWith('"UEsDB'));
    assert.deepEqual(credentialUsesInFile('README.md', `# Notes\n${GET('A')}`), []);
    assert.deepEqual(credentialUsesInFile('flows/empty.robin', ''), []);
  });

  it('reads the bytes of files: UTF-16 text and solution zips, entry by entry', () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(GET('Wide'), 'utf16le')]);
    assert.deepEqual(credentialUsesInBytes('flows/wide.robin', utf16)[0].uses.map((u) => u.name), ['Wide']);
    const xml = solutionXml(workflowXml('Zipped flow', `"${encodeForDefinition(`${GET('In a zip')}\r\n`)}"`));
    const zip = makeZip([
      { name: 'customizations.xml', data: Buffer.from(xml) },
      { name: 'Workflows/Old-0001.json', data: Buffer.from(packedWorkflowJson(`${GET('Packed in a zip')}\r\n`)) },
      { name: 'solution.xml', data: Buffer.from('<ImportExportXml/>') },
    ]);
    const found = credentialUsesInBytes('Contoso_1_0.zip', zip);
    assert.deepEqual(found.map((f) => [f.entry, f.flowName, f.uses.map((u) => u.name)]), [
      ['customizations.xml', 'Zipped flow', ['In a zip']],
      ['Workflows/Old-0001.json', undefined, ['Packed in a zip']],
    ]);
    assert.deepEqual(credentialUsesInBytes('broken.zip', Buffer.from([0x50, 0x4b, 3, 4, 1, 2, 3])), []);
    assert.deepEqual(credentialUsesInBytes('image.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0])), []);
  });

  describe('stored definitions (workflow.clientdata)', () => {
    it('reads the definition package', () => {
      const r = credentialUsesInClientData(packedWorkflowJson(`${GET('From Dataverse')}\r\n${GET('Second', 'C2')}\r\n`));
      assert.ok(r.ok);
      assert.deepEqual(r.uses.map((u) => u.name), ['From Dataverse', 'Second']);
      assert.equal(r.script.slice(r.uses[0].range.start, r.uses[0].range.end), "'From Dataverse'");
    });
    it('reads a definition that is the script itself', () => {
      const clientData = JSON.stringify({ properties: { definition: `@@Type: 'Local'\r\n${GET('Inline')}\r\n`, inputs: {} }, schemaVersion: 'ROBIN_20211012' });
      const r = credentialUsesInClientData(clientData);
      assert.ok(r.ok);
      assert.deepEqual(r.uses.map((u) => u.name), ['Inline']);
      assert.equal(r.script.slice(r.uses[0].range.start, r.uses[0].range.end), "'Inline'");
    });
    it('reads Robin text stored as is', () => {
      const r = credentialUsesInClientData(GET('Plain'));
      assert.ok(r.ok);
      assert.deepEqual(r.uses.map((u) => u.name), ['Plain']);
    });
    it('says why it cannot read, without quoting the definition', () => {
      for (const bad of [undefined, '', '{"properties":{"definition":{"package":""}}}', '{"properties":{"definition":{"package":"%%%"}}}', '{"properties":{"definition":42}}', '{ not json', '\u0000\u0001']) {
        const r = credentialUsesInClientData(bad);
        assert.ok(!r.ok, JSON.stringify(bad));
        assert.ok(!r.problem.includes('%%%') && r.problem.length > 0);
      }
    });
  });

  it('reads every file of the public corpus without throwing', function () {
    this.timeout(60000);
    const root = corpusRoot();
    const files = filesUnder(root, /\.(txt|robin|xml|json|zip)$/i);
    assert.ok(files.length > 100, `only ${files.length} files`);
    assert.ok(files.filter((f) => f.endsWith('.zip')).length >= 2, 'the solution zips are read too');
    let flows = 0;
    for (const file of files) {
      const bytes = fs.readFileSync(file);
      const result = credentialUsesInBytes(path.relative(root, file), bytes);
      flows += result.length;
      for (const f of result) for (const u of f.uses) assert.ok(u.range.start >= 0 && u.range.end <= bytes.length * 2);
    }
    // The public flows predate credentials: none uses Get credential.
    assert.equal(flows, 0);
  });
});
