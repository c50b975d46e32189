// The same in-host suite under @vscode/test-electron: `npm run test:integration:electron`.
// For machines that can download VS Code (or have one: VSCODE_EXECUTABLE_PATH). Where VS Code
// cannot be downloaded (our offline machines, CI), it stops at once and says so; there the suite
// runs in code-server instead: `npm run test:integration`.
// The fake cloud starts as under run.ts (harness/fakeCloud.ts), its proxy, CA and demo service
// principal in VS Code's environment. This runner cannot click in the workbench, so the tests that
// need a user's click on a dialog (helpers.answerDialog) are reported pending here.
//
// Env: VSCODE_VERSION (default: the VS Code that code-server 4.139.1 ships, 1.139.1),
//      VSCODE_EXECUTABLE_PATH (use this VS Code instead of downloading one),
//      FLOW_VAULT_TEST_GREP (run only matching tests).
import * as fs from 'fs';
import * as path from 'path';
import { downloadAndUnzipVSCode, runTests } from '@vscode/test-electron';
import { bundleFlowVault } from '../../src/vscode-server/packaging';
import { ScratchDir, copyDir, repoRoot } from '../../src/vscode-server/util';
import { startFakeCloudForSuite } from './harness/fakeCloud';

const VSCODE_VERSION = process.env.VSCODE_VERSION || '1.139.1';

async function vscodeExecutable(): Promise<string> {
  if (process.env.VSCODE_EXECUTABLE_PATH) {
    return process.env.VSCODE_EXECUTABLE_PATH;
  }
  try {
    // Idle timeout of 15 s: an unreachable server fails in seconds, not minutes.
    return await downloadAndUnzipVSCode({ version: VSCODE_VERSION, timeout: 15_000 });
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new Error(
      `could not download VS Code ${VSCODE_VERSION} for @vscode/test-electron (${reason.split('\n')[0]}).\n` +
        '  This runner needs a machine that can download VS Code, or VSCODE_EXECUTABLE_PATH naming an installed VS Code.\n' +
        '  Offline, run the same suite in code-server instead: npm run test:integration',
    );
  }
}

async function main(): Promise<number> {
  const extensionTestsPath = path.join(repoRoot, 'out', 'test', 'integration', 'suite', 'index.js');
  if (!fs.existsSync(extensionTestsPath)) {
    throw new Error(`${extensionTestsPath} is missing: run npm run build first`);
  }
  const vscodeExecutablePath = await vscodeExecutable();
  bundleFlowVault();
  const scratch = new ScratchDir('fv-ite-');
  const cloud = await startFakeCloudForSuite();
  try {
    const workspace = path.join(scratch.root, 'workspace');
    copyDir(path.join(repoRoot, 'test', 'integration', 'fixtures', 'workspace'), workspace);
    await runTests({
      vscodeExecutablePath,
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath,
      extensionTestsEnv: { ...cloud.env, ...(process.env.FLOW_VAULT_TEST_GREP ? { FLOW_VAULT_TEST_GREP: process.env.FLOW_VAULT_TEST_GREP } : {}) },
      // Short paths: VS Code's sockets live in the user-data dir.
      launchArgs: [
        workspace,
        '--disable-extensions',
        '--disable-workspace-trust',
        '--skip-welcome',
        '--skip-release-notes',
        '--user-data-dir',
        scratch.sub('ud'),
        '--extensions-dir',
        scratch.sub('ext'),
      ],
    });
    return 0;
  } finally {
    await cloud.close();
    scratch.remove();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`\n@vscode/test-electron run failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
