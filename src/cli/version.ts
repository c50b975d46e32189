/** The package's name, version and home page, read from its package.json. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ToolInfo } from './formatters';

interface PackageJson {
  name?: string;
  version?: string;
  homepage?: string;
  repository?: string | { url?: string };
}

let cached: PackageJson | undefined;

function packageJson(): PackageJson {
  if (cached) return cached;
  // src/cli (ts-node) or out/src/cli (built): the package root is two or three folders up.
  let dir = __dirname;
  for (let i = 0; i < 5; i++) {
    const file = path.join(dir, 'package.json');
    try {
      const json = JSON.parse(fs.readFileSync(file, 'utf8')) as PackageJson;
      if (json.name === 'flow-vault') return (cached = json);
    } catch {
      // keep looking
    }
    dir = path.dirname(dir);
  }
  return (cached = {});
}

export function version(): string {
  return packageJson().version ?? '0.0.0';
}

/** Where users read about the tool (SARIF `informationUri`). */
export function informationUri(): string {
  const pkg = packageJson();
  if (pkg.homepage) return pkg.homepage;
  const repo = typeof pkg.repository === 'string' ? pkg.repository : pkg.repository?.url;
  if (repo && /^https?:\/\//.test(repo)) return repo.replace(/\.git$/, '');
  if (repo && /^git\+https?:\/\//.test(repo)) return repo.slice(4).replace(/\.git$/, '');
  return 'https://www.npmjs.com/package/flow-vault';
}

export function toolInfo(): ToolInfo {
  return { name: 'Flow Vault', version: version(), informationUri: informationUri() };
}
