// Packages Flow Vault's VSIX (npm run package), as a user gets it.
import * as fs from 'fs';
import * as path from 'path';
import { log, repoRoot, run } from './util';

function newestVsix(dirs: string[], notBefore: number): string | undefined {
  let best: { file: string; mtime: number } | undefined;
  for (const dir of dirs) {
    if (!fs.existsSync(dir)) {
      continue;
    }
    for (const name of fs.readdirSync(dir)) {
      if (!name.endsWith('.vsix')) {
        continue;
      }
      const file = path.join(dir, name);
      const mtime = fs.statSync(file).mtimeMs;
      if (mtime >= notBefore && (!best || mtime > best.mtime)) {
        best = { file, mtime };
      }
    }
  }
  return best?.file;
}

function projectScripts(): Record<string, string> {
  return (JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { scripts?: Record<string, string> }).scripts ?? {};
}

/**
 * Builds the extension's entry (`dist/extension.js`) with `npm run bundle`; where the project has
 * no bundle script yet, with esbuild directly (a stand-in with the same output).
 */
export function bundleFlowVault(): void {
  if (projectScripts().bundle) {
    log('npm run bundle');
    run('npm', ['run', 'bundle'], { what: 'npm run bundle', cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    return;
  }
  log('no "bundle" script: bundling src/extension/extension.ts with esbuild here');
  run(
    path.join(repoRoot, 'node_modules', '.bin', 'esbuild'),
    [
      'src/extension/extension.ts',
      '--bundle',
      '--platform=node',
      '--format=cjs',
      '--target=node20',
      '--external:vscode',
      '--main-fields=module,main',
      '--outfile=dist/extension.js',
    ],
    { what: 'esbuild (Flow Vault bundle)', cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] },
  );
}

/**
 * Builds Flow Vault's VSIX with `npm run package` (the bundle plus `vsce package`), as a user
 * gets it, and copies it to `outDir`. Where the project has no package script yet, bundles and
 * packages it here.
 */
export function packageFlowVault(outDir: string): string {
  const target = path.join(outDir, 'flow-vault.vsix');
  const started = Date.now() - 2000; // file systems round mtimes
  if (projectScripts().package) {
    log('npm run package');
    run('npm', ['run', 'package'], { what: 'npm run package', cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    const made = newestVsix([repoRoot, path.join(repoRoot, 'dist'), path.join(repoRoot, 'out')], started);
    if (!made) {
      throw new Error('npm run package finished but wrote no new .vsix in the repository root, dist/ or out/');
    }
    fs.copyFileSync(made, target);
  } else {
    log('no "package" script: packaging Flow Vault with vsce here');
    bundleFlowVault();
    run(
      path.join(repoRoot, 'node_modules', '.bin', 'vsce'),
      ['package', '--no-dependencies', '--skip-license', '--allow-missing-repository', '-o', target],
      { what: 'vsce package (Flow Vault)', cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] },
    );
  }
  return target;
}
