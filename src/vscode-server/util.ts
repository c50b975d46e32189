// Small helpers shared by the demo and the test harness.
import { spawnSync, type SpawnSyncOptions } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/** The repository root: the nearest folder above this file whose package.json is flow-vault's. */
export const repoRoot: string = (() => {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const pkg = path.join(dir, 'package.json');
    if (fs.existsSync(pkg) && (JSON.parse(fs.readFileSync(pkg, 'utf8')) as { name?: string }).name === 'flow-vault') {
      return dir;
    }
    if (path.dirname(dir) === dir) {
      throw new Error(`no flow-vault package.json above ${__dirname}`);
    }
  }
})();

export function log(message: string): void {
  process.stderr.write(`[vscode-server] ${message}\n`);
}

export function run(command: string, args: string[], options: SpawnSyncOptions & { what: string }): string {
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...options });
  if (result.error) {
    throw new Error(`${options.what}: ${result.error.message}`);
  }
  if (result.status !== 0) {
    const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim().split('\n').slice(-40).join('\n');
    throw new Error(`${options.what} failed (exit ${result.status ?? result.signal})${output ? `:\n${output}` : ''}`);
  }
  return String(result.stdout ?? '');
}

/** A scratch folder with short paths (VS Code's sockets need them), removed by `remove()`. */
export class ScratchDir {
  readonly root: string;
  constructor(prefix: string) {
    this.root = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  }
  sub(name: string): string {
    const dir = path.join(this.root, name);
    fs.mkdirSync(dir, { recursive: true });
    return dir;
  }
  remove(): void {
    fs.rmSync(this.root, { recursive: true, force: true });
  }
}

export function copyDir(from: string, to: string): void {
  fs.cpSync(from, to, { recursive: true });
}

export function tail(file: string, lines = 40): string {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return `(no ${file})`;
  }
}
