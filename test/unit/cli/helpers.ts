/** Running the built CLI as a child process, on fixtures copied into a temporary folder. */
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** The compiled CLI beside this compiled test: <outDir>/src/cli/main.js. */
export const CLI = path.resolve(__dirname, '..', '..', '..', 'src', 'cli', 'main.js');

function findRepoRoot(): string {
  const fromEnv = process.env.FLOW_VAULT_ROOT;
  if (fromEnv) return fromEnv;
  for (const start of [__dirname, process.cwd()]) {
    let dir = start;
    for (;;) {
      try {
        const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string };
        if (pkg.name === 'flow-vault' && fs.existsSync(path.join(dir, 'test', 'fixtures', 'cli'))) return dir;
      } catch {
        // keep looking
      }
      const parent = path.dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
  throw new Error('Cannot find the repository root (set FLOW_VAULT_ROOT).');
}

export const REPO = findRepoRoot();
export const FIXTURES = path.join(REPO, 'test', 'fixtures', 'cli');
export const EXAMPLES = path.join(REPO, 'examples');

export interface RunResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `node <CLI> ...args` in `cwd`, with colours and debug output off. */
export function runCli(args: readonly string[], cwd: string, extra: SpawnSyncOptions = {}): RunResult {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  delete env.FORCE_COLOR;
  delete env.FLOW_VAULT_DEBUG;
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env, timeout: 60_000, ...extra });
  if (r.error) throw r.error;
  return { code: r.status, stdout: String(r.stdout), stderr: String(r.stderr) };
}

/** A fresh temporary folder, removed by `cleanup()`. */
export function tempDir(prefix = 'fv-cli-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  created.push(dir);
  return dir;
}

const created: string[] = [];

export function cleanup(): void {
  for (const d of created.splice(0)) fs.rmSync(d, { recursive: true, force: true });
}

/** Copies fixture files (or folders) into `dir`, keeping their names, and returns `dir`. */
export function copyFixtures(dir: string, names: readonly string[], from = FIXTURES): string {
  for (const n of names) fs.cpSync(path.join(from, n), path.join(dir, n), { recursive: true });
  return dir;
}

export function write(dir: string, rel: string, content: string | Uint8Array): string {
  const file = path.join(dir, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
  return file;
}

/** 1-based line and UTF-16 column of the first occurrence of `needle` in `text`, and of its end. */
export function locate(text: string, needle: string): { line: number; column: number; endLine: number; endColumn: number } {
  const at = text.indexOf(needle);
  if (at < 0) throw new Error(`"${needle}" is not in the text`);
  const before = text.slice(0, at);
  const line = before.split('\n').length;
  const column = at - (before.lastIndexOf('\n') + 1) + 1;
  return { line, column, endLine: line, endColumn: column + needle.length };
}
