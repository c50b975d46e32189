/**
 * The extension's bundles (scripts/bundle.js): activation loads dist/extension.js alone, which
 * holds the linter and nothing of the Azure half; the Azure SDKs, the secretlint preset and the
 * zip and XML readers are in bundles of their own that it requires only when they are used.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import Module from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import * as esbuild from 'esbuild';

const ROOT = process.cwd();
const bundle = require(path.join(ROOT, 'scripts', 'bundle.js')) as { options(): esbuild.BuildOptions; LAZY: { out: string }[] };
const LAZY_FILES = bundle.LAZY.map((l) => `./${l.out}.js`).sort();

/** Never in what activation loads: cloud code, and the packages that only some files need. */
const LATER = [
  /node_modules\/@azure\//,
  /^src\/azure\//,
  /^src\/extension\/azure\//,
  /^src\/extension\/keyVault\//,
  /^src\/extension\/credentials\//,
  /node_modules\/@secretlint\//,
  /node_modules\/(fflate|sax)\//,
];

describe('host: bundles', function () {
  this.timeout(60_000);
  let outdir: string;
  let meta: esbuild.Metafile;
  const inputsOf = (name: string): string[] => {
    const out = Object.entries(meta.outputs).find(([file]) => path.basename(file) === name);
    assert.ok(out, `no ${name} among ${Object.keys(meta.outputs).join(', ')}`);
    return Object.keys(out[1].inputs);
  };

  before(async () => {
    outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'fv-bundle-'));
    const result = await esbuild.build({ ...bundle.options(), outdir, metafile: true, logLevel: 'silent' });
    meta = result.metafile;
  });

  after(() => fs.rmSync(outdir, { recursive: true, force: true }));

  it('extension.js holds the linter, the diagnostics and the quick fixes', () => {
    const inputs = inputsOf('extension.js');
    for (const wanted of ['src/extension/extension.ts', 'src/extension/diagnostics.ts', 'src/extension/codeActions.ts', 'src/core/lint/engine.ts']) {
      assert.ok(inputs.includes(wanted), `${wanted} is not in extension.js`);
    }
  });

  it('extension.js holds no Azure SDK, no sign-in or Key Vault code, nor the secretlint preset, fflate or sax', () => {
    const later = inputsOf('extension.js').filter((i) => LATER.some((re) => re.test(i)));
    assert.deepEqual(later, []);
  });

  it('azure.js holds the Azure SDKs and the Key Vault view; the other lazy bundles their package', () => {
    const azure = inputsOf('azure.js');
    assert.ok(azure.some((i) => i.includes('node_modules/@azure/identity/')), 'no @azure/identity in azure.js');
    assert.ok(azure.some((i) => i.includes('node_modules/@azure/keyvault-secrets/')), 'no @azure/keyvault-secrets in azure.js');
    assert.ok(azure.includes('src/extension/keyVault/registerKeyVaultView.ts'));
    assert.ok(inputsOf('secretlint.js').some((i) => i.includes('node_modules/@secretlint/secretlint-rule-preset-recommend/')));
    assert.ok(inputsOf('fflate.js').some((i) => i.includes('node_modules/fflate/')));
    assert.ok(inputsOf('sax.js').some((i) => i.includes('node_modules/sax/')));
  });

  it('extension.js requires only vscode, Node built-ins and the lazy bundles', () => {
    const out = Object.entries(meta.outputs).find(([file]) => path.basename(file) === 'extension.js');
    const external = [...new Set(out![1].imports.filter((i) => i.external).map((i) => i.path))].sort();
    const builtins = new Set(Module.builtinModules);
    const other = external.filter((p) => p !== 'vscode' && !builtins.has(p.replace(/^node:/, '')));
    assert.deepEqual(other, LAZY_FILES);
    assert.ok(LAZY_FILES.includes('./azure.js'));
  });

  it('loading extension.js requires none of the lazy bundles', () => {
    const required: string[] = [];
    // A stand-in for the vscode module: every name that @types/vscode exports, each a callable,
    // constructible object whose every property is one too.
    const any: object = new Proxy(function () {}, { get: (_t, p) => (typeof p === 'symbol' ? undefined : any), apply: () => any, construct: () => any });
    const dts = fs.readFileSync(path.join(ROOT, 'node_modules', '@types', 'vscode', 'index.d.ts'), 'utf8');
    const names = [...new Set([...dts.matchAll(/^\s*export (?:namespace|class|enum|const|function|let) (\w+)/gm)].map((m) => m[1]))];
    const stub = Object.fromEntries(names.map((n) => [n, any]));
    const loader = Module as unknown as { _load(request: string, ...rest: unknown[]): unknown };
    const original = loader._load;
    loader._load = function (request: string, ...rest: unknown[]) {
      required.push(request);
      return request === 'vscode' ? stub : original.call(this, request, ...rest);
    };
    try {
      const main = require(path.join(outdir, 'extension.js')) as { activate?: unknown };
      assert.equal(typeof main.activate, 'function');
    } finally {
      loader._load = original;
    }
    assert.ok(required.includes('vscode'), 'the hook saw the bundle load');
    assert.deepEqual(required.filter((r) => LAZY_FILES.includes(r)), []);
  });
});
