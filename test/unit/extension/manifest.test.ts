/**
 * The extension manifest and its companions agree: every %key% has a string, commands have the
 * Flow Vault category, the template default is the documented one (setting, snippet, core),
 * activation is implicit, packaging ships only what it should.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_GET_CREDENTIAL_TEMPLATE } from '../../../src/core/fix';

const ROOT = process.cwd();
const read = (f: string): string => fs.readFileSync(path.join(ROOT, f), 'utf8');
const pkg = JSON.parse(read('package.json'));
const nls: Record<string, string> = JSON.parse(read('package.nls.json'));

describe('host: manifest', () => {
  it('every %key% in package.json has a string in package.nls.json', () => {
    const keys = [...JSON.stringify(pkg).matchAll(/"%([A-Za-z0-9_.-]+)%"/g)].map((m) => m[1]);
    assert.ok(keys.length > 20);
    for (const k of keys) assert.ok(k in nls, `missing nls key ${k}`);
  });

  it('commands are under flowVault., in the "Flow Vault" category, and all registered in the code', () => {
    const sources = (dir: string): string[] =>
      fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? sources(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [fs.readFileSync(path.join(dir, e.name), 'utf8')] : []);
    const source = sources(path.join(ROOT, 'src', 'extension')).join('\n');
    for (const c of pkg.contributes.commands) {
      assert.match(c.command, /^flowVault\.[a-zA-Z]+(\.[a-zA-Z]+)*$/);
      assert.equal(nls[c.category.slice(1, -1)], 'Flow Vault');
      assert.ok(source.includes(`'${c.command}'`), `${c.command} is not registered`);
    }
  });

  it('the Get credential default is the documented one everywhere, and says it is unverified', () => {
    const setting = pkg.contributes.configuration.properties['flowVault.getCredential.template'];
    assert.equal(setting.default, DEFAULT_GET_CREDENTIAL_TEMPLATE);
    assert.match(nls[setting.markdownDescription.slice(1, -1)], /Not verified/);
    const snippet = JSON.parse(read('snippets/robin.code-snippets'))['Get credential'];
    const asTemplate = String(snippet.body).replace('${1:CredentialName}', '${credentialName}').replace('${2:Credential}', '${variable}');
    assert.equal(asTemplate, DEFAULT_GET_CREDENTIAL_TEMPLATE);
    assert.ok(pkg.capabilities.untrustedWorkspaces.restrictedConfigurations.includes('flowVault.getCredential.template'));
  });

  it('activation is implicit (no "*"), trust and virtual workspaces are declared', () => {
    assert.ok(!pkg.activationEvents.includes('*'));
    // Not for every plain-text or XML file: Robin documents and folders with flow files.
    assert.deepEqual(pkg.activationEvents.filter((e: string) => /^onLanguage:(plaintext|xml)$/.test(e)), []);
    assert.ok(pkg.activationEvents.includes('onLanguage:robin'));
    assert.equal(pkg.capabilities.untrustedWorkspaces.supported, 'limited');
    assert.equal(pkg.capabilities.virtualWorkspaces.supported, 'limited');
    assert.equal(pkg.main, './dist/extension.js');
  });

  it('the language, grammar, snippet, icons and view container point at files that exist', () => {
    const c = pkg.contributes;
    for (const f of [c.languages[0].configuration, c.grammars[0].path, c.snippets[0].path, pkg.icon, c.viewsContainers.activitybar[0].icon]) {
      assert.ok(fs.existsSync(path.join(ROOT, f)), f);
    }
    assert.deepEqual(c.languages[0].extensions, ['.robin', '.powerautomate', '.flow', '.pad']);
    assert.ok(JSON.parse(read('language-configuration.json')).comments.blockComment[0] === '/#');
    const png = fs.readFileSync(path.join(ROOT, pkg.icon));
    assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG');
  });

  it('.vscodeignore ships only the bundle and the declared assets', () => {
    const ignore = read('.vscodeignore');
    assert.match(ignore, /^\*\*$/m);
    for (const keep of ['dist/*.js', 'package.nls.json', 'syntaxes/**', 'snippets/**', 'language-configuration.json', 'media/**', 'README.md', 'CHANGELOG.md', 'LICENSE']) {
      assert.ok(ignore.includes(`!${keep}`), keep);
    }
  });
});
