#!/usr/bin/env node
// Before each build: removes from out/ the compiled files whose TypeScript source is gone (a file
// deleted or moved). tsc never removes them, and mocha runs every out/test/**/*.test.js it finds,
// so a deleted test would go on running and an old module could be loaded in place of a new
// folder of the same name.
//
//   node scripts/prune-out.js [root]     (default: the repository)
'use strict';
const fs = require('fs');
const path = require('path');

const root = path.resolve(process.argv[2] || path.join(__dirname, '..'));
const out = path.join(root, 'out');

/** The source a compiled file comes from: out/a/b.js (or .js.map) → a/b.ts. */
function sourceOf(file) {
  const rel = path.relative(out, file);
  const stem = rel.replace(/\.js(\.map)?$/, '');
  return path.join(root, `${stem}.ts`);
}

/** Prunes `dir`; returns true when it is empty afterwards. */
function prune(dir) {
  let entries;
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return false;
  }
  let left = 0;
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (prune(p)) fs.rmdirSync(p);
      else left++;
    } else if (/\.js(\.map)?$/.test(e.name) && !fs.existsSync(sourceOf(p))) {
      fs.unlinkSync(p);
    } else {
      left++;
    }
  }
  return left === 0;
}

prune(out);
