#!/usr/bin/env node
'use strict';
// The `flow-vault` command. An installed package runs the bundle in dist/cli/ (npm pack builds it:
// `prepare`); a checkout runs its tsc build in out/ (`npm run build`) when it has one.
const fs = require('fs');
const path = require('path');
const built = path.join(__dirname, '..', 'out', 'src', 'cli', 'main.js');
require(fs.existsSync(built) ? built : path.join(__dirname, '..', 'dist', 'cli', 'main.js')).run();
