import * as fs from 'fs';

/**
 * Adds this stage's counts to the file named by FLOW_VAULT_SUMMARY, from which `npm test`
 * (scripts/test.sh) prints one closing total for all stages.
 */
export function reportSummary(defaultStage: string, passed: number, failed: number, skipped = 0): void {
  const file = process.env.FLOW_VAULT_SUMMARY;
  if (file) {
    const stage = process.env.FLOW_VAULT_STAGE || defaultStage;
    fs.appendFileSync(file, JSON.stringify({ stage, passed, failed, skipped }) + '\n');
  }
}
