// Mocha reporter: the spec output people read, plus a line of counts appended to the file named
// by FLOW_VAULT_SUMMARY so that the test command can print one closing total for every stage.
'use strict';
const fs = require('node:fs');
const Mocha = require('mocha');

class SummaryReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
      const file = process.env.FLOW_VAULT_SUMMARY;
      if (!file) return;
      const { passes = 0, failures = 0, pending = 0 } = runner.stats || {};
      const stage = process.env.FLOW_VAULT_STAGE || 'mocha';
      fs.appendFileSync(file, JSON.stringify({ stage, passed: passes, failed: failures, skipped: pending }) + '\n');
    });
  }
}
module.exports = SummaryReporter;
