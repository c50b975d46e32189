#!/usr/bin/env node
'use strict';
// The `flow-vault` command. Build first (`npm run build`): the code lives in out/.
require('../out/src/cli/main.js').run();
