#!/usr/bin/env node
'use strict';
// Builds the bundles with esbuild. `npm run bundle`: the extension's, into dist/:
//   extension.js   what activation loads: the linter, diagnostics, quick fixes, and stand-ins
//                  that load the cloud half when a cloud command runs or the Key Vault view opens;
//   azure.js       sign-in, the Key Vault view and the Azure SDKs (src/extension/azure/registerAzure);
//   secretlint.js, fflate.js, sax.js   packages that the linter requires only for some files (a
//                  literal that could hold a known token format, a zip, solution XML).
// `npm run bundle:cli` (--cli): the command line, into dist/cli/ (main.js, lint-worker.js, and
// doctor.js with the Azure SDKs, loaded only by `flow-vault doctor`), which
// `npm pack` ships (scripts/prepare-cli.js).
// A module that one bundle loads lazily (`require` inside a function) is left out of it and
// required from its own file instead: see LAZY. `--metafile` also writes dist/meta.json.
const path = require('path');
const esbuild = require('esbuild');

const root = path.resolve(__dirname, '..');

/** Modules required lazily, each built as a bundle of its own (dist/<out>.js). */
const LAZY = [
  { out: 'azure', entry: 'src/extension/azure/registerAzure.ts' },
  { out: 'secretlint', entry: '@secretlint/secretlint-rule-preset-recommend' },
  { out: 'fflate', entry: 'fflate' },
  { out: 'sax', entry: 'sax' },
];

/** Whether an import names a lazy module: a package by its name, a source file by its path. */
function isLazy(lazy, args) {
  if (!lazy.entry.startsWith('src/')) return args.path === lazy.entry;
  if (!args.path.startsWith('.')) return false;
  return path.resolve(args.resolveDir, args.path).replace(/\.ts$/, '') === path.join(root, lazy.entry).replace(/\.ts$/, '');
}

/** An esbuild plugin that leaves the `lazy` modules out of a bundle and requires their own files. */
function lazyBundles(lazy) {
  return {
    name: 'lazy-bundles',
    setup(build) {
      build.onResolve({ filter: /.*/ }, (args) => {
        if (args.kind === 'entry-point') return undefined;
        const target = lazy.find((l) => isLazy(l, args));
        return target ? { path: `./${target.out}.js`, external: true } : undefined;
      });
    },
  };
}

/** The command line's lazy part: `doctor` and the Azure SDKs it needs, which `lint` never loads. */
const CLI_LAZY = [{ out: 'doctor', entry: 'src/cli/doctor-command.ts' }];

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
    plugins: [lazyBundles(LAZY)],
    ...overrides,
  };
}

/** esbuild options for the command line's bundles. */
function cliOptions(overrides = {}) {
  return {
    absWorkingDir: root,
    entryPoints: { main: 'src/cli/main.ts', 'lint-worker': 'src/cli/lint-worker.ts', ...Object.fromEntries(CLI_LAZY.map((l) => [l.out, l.entry])) },
    outdir: 'dist/cli',
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    mainFields: ['module', 'main'],
    minify: true,
    legalComments: 'eof',
    logLevel: 'warning',
    plugins: [lazyBundles(CLI_LAZY)],
    ...overrides,
  };
}

async function main() {
  const metafile = process.argv.includes('--metafile');
  const cli = process.argv.includes('--cli');
  const result = await esbuild.build(cli ? cliOptions({ metafile }) : options({ metafile }));
  if (metafile) require('fs').writeFileSync(path.join(root, cli ? 'dist/cli' : 'dist', 'meta.json'), JSON.stringify(result.metafile));
}

module.exports = { options, cliOptions, LAZY };

if (require.main === module) {
  main().catch(() => process.exit(1));
}
