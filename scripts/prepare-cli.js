#!/usr/bin/env node
// The `prepare` script: bundles the CLI (`npm run bundle:cli`, into dist/cli/) for `npm pack` and
// for installs from git. npm installs a git dependency's devDependencies before `prepare`, except
// in a global install (`npm install -g git+…`, which is how pre-commit installs a node hook;
// npm/cli#8440): there the build tools are missing, so install them first, from the lock file.
'use strict';
const { spawnSync } = require('child_process');
const path = require('path');

const root = path.join(__dirname, '..');
// The global install's settings would make the nested install global too.
const env = { ...process.env };
for (const key of Object.keys(env)) {
  if (/^npm_config_(global|location|prefix)$/i.test(key)) delete env[key];
}

function npm(args) {
  const r = spawnSync('npm', args, { cwd: root, env, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status === null ? 1 : r.status);
}

let haveBuildTools = true;
try {
  require.resolve('esbuild', { paths: [root] });
} catch {
  haveBuildTools = false;
}
if (!haveBuildTools) {
  console.error('flow-vault prepare: installing the build tools (npm ci --include=dev) to bundle the CLI');
  npm(['ci', '--include=dev', '--ignore-scripts', '--no-audit', '--no-fund']);
}
npm(['run', 'bundle:cli']);
