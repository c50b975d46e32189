#!/usr/bin/env node
'use strict';
// Builds the extension's bundles into dist/ with esbuild (`npm run bundle`):
//   extension.js   what activation loads: the linter, diagnostics, quick fixes, and stand-ins
//                  that load the cloud half when a cloud command runs or the Key Vault view opens;
//   azure.js       sign-in, the Key Vault view and the Azure SDKs (src/extension/azure/registerAzure);
//   secretlint.js  the secretlint preset for known token formats, loaded on the first literal
//                  that could hold one.
// A module that one bundle loads lazily (`require` inside a function) is left out of it and
// required from its own file instead: see LAZY. `--metafile` also writes dist/meta.json.
const path = require('path');
const esbuild = require('esbuild');

const root = path.resolve(__dirname, '..');

/** Modules required lazily, each built as a bundle of its own: what importers write -> dist file. */
const LAZY = [
  { out: 'azure', entry: 'src/extension/azure/registerAzure.ts', file: path.join(root, 'src/extension/azure/registerAzure') },
  { out: 'secretlint', entry: '@secretlint/secretlint-rule-preset-recommend', specifier: '@secretlint/secretlint-rule-preset-recommend' },
];

const lazyBundles = {
  name: 'lazy-bundles',
  setup(build) {
    build.onResolve({ filter: /registerAzure$|^@secretlint\/secretlint-rule-preset-recommend$/ }, (args) => {
      if (args.kind === 'entry-point') return undefined;
      const target = LAZY.find((l) =>
        l.specifier ? args.path === l.specifier : path.resolve(args.resolveDir, args.path).replace(/\.ts$/, '') === l.file,
      );
      return target ? { path: `./${target.out}.js`, external: true } : undefined;
    });
  },
};

/** esbuild options for all the bundles; `overrides` for tests (e.g. `{ write: false }`). */
function options(overrides = {}) {
  return {
    absWorkingDir: root,
    entryPoints: { extension: 'src/extension/extension.ts', ...Object.fromEntries(LAZY.map((l) => [l.out, l.entry])) },
    outdir: 'dist',
    bundle: true,
    external: ['vscode'],
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    mainFields: ['module', 'main'],
    minify: true,
    legalComments: 'none',
    logLevel: 'warning',
    plugins: [lazyBundles],
    ...overrides,
  };
}

async function main() {
  const metafile = process.argv.includes('--metafile');
  const result = await esbuild.build(options({ metafile }));
  if (metafile) require('fs').writeFileSync(path.join(root, 'dist', 'meta.json'), JSON.stringify(result.metafile));
}

module.exports = { options, LAZY };

if (require.main === module) {
  main().catch(() => process.exit(1));
}
