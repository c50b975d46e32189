#!/usr/bin/env node
// The floor under any Node linter of the benchmark corpus: start Node, find the files (the
// .txt, .robin and customizations.xml ones, as both tools are given), read each one, and do
// nothing else. bench/run.js times it beside the two tools; a linter cannot take less.
// Usage: node bench/read-floor.js DIR   (prints the number of files and bytes read)
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const keep = (name) => name.endsWith('.txt') || name.endsWith('.robin') || name === 'customizations.xml';
let files = 0;
let bytes = 0;
const walk = (dir) => {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) walk(full);
    else if (e.isFile() && keep(e.name)) {
      bytes += fs.readFileSync(full).length;
      files++;
    }
  }
};
walk(path.resolve(process.argv[2] || '.'));
process.stdout.write(`${files} files, ${bytes} bytes\n`);
