// Packages the test-runner extension (test/integration/runner-extension) as its own VSIX.
import * as fs from 'fs';
import * as path from 'path';
import { repoRoot, run } from '../../../src/vscode-server/util';

/** Packages the test-runner extension (test/integration/runner-extension) as its own VSIX. */
export function packageRunnerExtension(outDir: string): string {
  const compiled = path.join(repoRoot, 'out', 'test', 'integration', 'runner-extension', 'extension.js');
  if (!fs.existsSync(compiled)) {
    throw new Error(`${compiled} is missing: run npm run build first`);
  }
  const stage = path.join(outDir, 'runner-extension');
  fs.rmSync(stage, { recursive: true, force: true });
  fs.mkdirSync(stage, { recursive: true });
  fs.copyFileSync(path.join(repoRoot, 'test', 'integration', 'runner-extension', 'package.json'), path.join(stage, 'package.json'));
  fs.copyFileSync(compiled, path.join(stage, 'extension.js'));
  fs.writeFileSync(path.join(stage, 'README.md'), '# Flow Vault test runner\n\nRuns Flow Vault\'s integration suite inside the extension host. Test use only.\n');
  const target = path.join(outDir, 'flow-vault-test-runner.vsix');
  run(
    path.join(repoRoot, 'node_modules', '.bin', 'vsce'),
    ['package', '--no-dependencies', '--skip-license', '--allow-missing-repository', '--allow-star-activation', '-o', target],
    { what: 'vsce package (test runner)', cwd: stage, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  return target;
}

