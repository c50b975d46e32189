// After a session: the canary (test/support/canary.ts) must be in none of the files the run wrote
// outside the workspace (VS Code's logs, Flow Vault's output-channel log files, code-server's and
// the browser console's logs, the results) nor in the fake cloud's request log.
import * as fs from 'fs';
import * as path from 'path';
import { hasCanary } from '../../support/canary';

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? filesUnder(full) : e.isFile() ? [full] : [];
  });
}

export interface LeakScan {
  /** Where the canary was found (file paths relative to `root`, or names of logs). */
  leaks: string[];
  /** Flow Vault's output-channel log files that were read (the check saw something). */
  flowVaultLogs: string[];
  filesRead: number;
}

/** Scans the run's files under `root` (the scratch folder, workspace excluded) and the fake cloud's logs. */
export function scanForCanary(root: string, workspace: string, cloudLogs: Record<string, unknown>): LeakScan {
  const files = filesUnder(root).filter((f) => !f.startsWith(workspace + path.sep));
  const leaks: string[] = [];
  for (const file of files) {
    if (hasCanary(fs.readFileSync(file, 'latin1'))) leaks.push(path.relative(root, file));
  }
  for (const [name, log] of Object.entries(cloudLogs)) {
    if (hasCanary(JSON.stringify(log))) leaks.push(name);
  }
  const flowVaultLogs = files.filter((f) => /^Flow Vault.*\.log$/.test(path.basename(f)) && fs.statSync(f).size > 0).map((f) => path.relative(root, f));
  return { leaks, flowVaultLogs, filesRead: files.length };
}
