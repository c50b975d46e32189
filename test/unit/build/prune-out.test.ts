// `npm run build` first removes compiled files whose source is gone (scripts/prune-out.js), so a
// deleted test stops running and a moved module cannot shadow its new home.
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const SCRIPT = path.resolve(__dirname, '..', '..', '..', '..', 'scripts', 'prune-out.js');

describe('scripts/prune-out.js', () => {
  let root: string;
  const write = (rel: string, text = ''): void => {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  };
  const exists = (rel: string): boolean => fs.existsSync(path.join(root, rel));

  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'fv-prune-'));
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('removes compiled files and folders whose source is gone, and keeps the rest', () => {
    write('src/core/kept.ts');
    write('out/src/core/kept.js');
    write('out/src/core/kept.js.map');
    write('out/src/core/dataverse.js'); // became a folder: src/core/dataverse/index.ts
    write('out/src/core/dataverse.js.map');
    write('src/core/dataverse/index.ts');
    write('out/src/core/dataverse/index.js');
    write('out/test/unit/gone/old.test.js');
    write('out/test/unit/gone/old.test.js.map');
    write('out/notes.txt');
    execFileSync(process.execPath, [SCRIPT, root]);
    assert.ok(exists('out/src/core/kept.js'));
    assert.ok(exists('out/src/core/kept.js.map'));
    assert.ok(exists('out/src/core/dataverse/index.js'));
    assert.ok(!exists('out/src/core/dataverse.js'));
    assert.ok(!exists('out/src/core/dataverse.js.map'));
    assert.ok(!exists('out/test/unit/gone'), 'the emptied folder is removed');
    assert.ok(exists('out/notes.txt'), 'files that are not compiled output stay');
  });

  it('does nothing when there is no out/ folder', () => {
    execFileSync(process.execPath, [SCRIPT, root]);
    assert.ok(!exists('out'));
  });
});
