/**
 * Where the repository's test data lives, found from this file rather than the working
 * directory: the public corpus of real desktop flows (test/corpus/public, MIT, sources and
 * commits in its SOURCES.md). Tests read it unconditionally: a missing file fails its test.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

function findRepoRoot(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`package.json not found above ${__dirname}`);
  }
}

export const REPO_ROOT = findRepoRoot();
export const PUBLIC_CORPUS = path.join(REPO_ROOT, 'test', 'corpus', 'public');
