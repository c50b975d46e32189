// .pre-commit-hooks.yaml: the hook that pre-commit users install. Its entry must start the CLI's
// lint command, and its `files` pattern must hand pre-commit every file that `flow-vault lint`
// reads on its own (a folder walk), so that the hook finds what the CLI finds.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isFlowFileName } from '../../../src/cli/discover';
import { readHooksYaml, type HookEntry } from '../../support/hook-yaml';
import { makeZip } from '../../support/zip-writer';
import { EXAMPLES, FIXTURES, REPO, cleanup, runCli, tempDir, write } from './helpers';

const HOOKS_FILE = path.join(REPO, '.pre-commit-hooks.yaml');

function theHook(): HookEntry {
  const hooks = readHooksYaml(fs.readFileSync(HOOKS_FILE, 'utf8'));
  assert.strictEqual(hooks.length, 1, 'one hook');
  return hooks[0]!;
}

/** The hook's `files` pattern as pre-commit applies it (Python re.search on the repo-relative path). */
function filesPattern(hook: HookEntry): RegExp {
  const source = hook.files;
  assert.strictEqual(typeof source, 'string', 'files is a pattern');
  const s = source as string;
  // Python's inline (?i) at the start is JavaScript's i flag.
  return s.startsWith('(?i)') ? new RegExp(s.slice(4), 'i') : new RegExp(s);
}

/** Relative, `/`-separated paths of the files under `dir`. */
function listFiles(dir: string, prefix = ''): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? listFiles(path.join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`],
  );
}

interface JsonReportFile {
  filePath: string;
  messages: { ruleId: string; line: number; column: number }[];
}

/** file -> its findings (rule, line, column), for the files with findings. */
function findingsByFile(stdout: string): Map<string, string[]> {
  const report = JSON.parse(stdout) as JsonReportFile[];
  const out = new Map<string, string[]>();
  for (const f of report) {
    if (f.messages.length > 0) out.set(f.filePath, f.messages.map((m) => `${m.ruleId}@${m.line}:${m.column}`).sort());
  }
  return out;
}

describe('.pre-commit-hooks.yaml', () => {
  after(cleanup);

  it('declares one node hook, flow-vault, whose entry is the CLI lint command', () => {
    const hook = theHook();
    assert.strictEqual(hook.id, 'flow-vault');
    assert.strictEqual(hook.language, 'node');
    assert.strictEqual(hook.entry, 'flow-vault lint');
    assert.deepStrictEqual(hook.types, ['file']);
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { bin?: Record<string, string> };
    const [command, subcommand] = (hook.entry as string).split(' ');
    assert.ok(pkg.bin?.[command!], `package.json bin has ${command}`);
    // The entry gets file names appended: `lint <files>` is a valid command line.
    const r = runCli([subcommand!, '--format', 'json', path.join(EXAMPLES, 'clean.robin')], REPO);
    assert.strictEqual(r.code, 0, r.stderr);
  });

  it('matches every kind of file the linter reads, at any depth, in any case', () => {
    const files = filesPattern(theHook());
    const read = [
      'flow.robin',
      'flows/Main.txt',
      'src/flows/invoices/source/main.txt',
      'a/b.powerautomate',
      'scripts/Login.flow',
      'scripts/login.pad',
      'solutions/Contoso/customizations.xml',
      'customizations.xml',
      'exports/ContosoInvoices_1_0_0_1.zip',
      'exports/CONTOSO.ZIP',
      'solutions/Contoso/Workflows/Reconcile-3F2A9C7E-5B1D-4E8A-9C0F-7D6E5B4A3C21.json',
      'FLOWS/UPPER.ROBIN',
    ];
    const notRead = [
      'README.md',
      'package.json',
      'solutions/Contoso/solution.xml',
      'solutions/Contoso/[Content_Types].xml',
      'solutions/Contoso/other.xml',
      'Workflows/nested/deeper.json',
      'settings/flows.json',
      'my-customizations.xml',
      'flow.robin.bak',
      'archive.zip.old',
      'image.png',
    ];
    for (const p of read) assert.ok(files.test(p), `the hook passes ${p}`);
    for (const p of notRead) assert.ok(!files.test(p), `the hook leaves out ${p}`);
  });

  it("passes every file name the CLI's folder walk keeps", () => {
    const files = filesPattern(theHook());
    const names = ['a.robin', 'A.ROBIN', 'b.powerautomate', 'notes.txt', 'c.zip', 'customizations.xml', 'd.flow', 'e.pad', 'f.json', 'g.xml', 'h.md', 'i.yaml'];
    const kept = names.filter((n) => isFlowFileName(n));
    assert.ok(kept.length >= 5, 'the CLI keeps the core formats');
    for (const n of kept) assert.ok(files.test(`some/folder/${n}`), `the CLI reads ${n} in a folder, and so does the hook`);
  });

  it('finds, run on the files it selects, exactly what the CLI finds on the whole folder (and exits the same)', () => {
    const dir = tempDir('fv-hook-');
    const planted = fs.readFileSync(path.join(FIXTURES, 'planted.robin'));
    write(dir, 'flows/planted.robin', planted);
    write(dir, 'flows/copied-from-designer.txt', planted);
    write(dir, 'flows/legacy.powerautomate', planted);
    write(dir, 'flows/clean.robin', fs.readFileSync(path.join(EXAMPLES, 'clean.robin')));
    write(dir, 'notes.txt', fs.readFileSync(path.join(FIXTURES, 'notes.txt')));
    const solution = path.join(EXAMPLES, 'solution');
    const solutionFiles = listFiles(solution);
    for (const rel of solutionFiles) write(dir, `solution/${rel}`, fs.readFileSync(path.join(solution, rel)));
    write(dir, 'exports/Example_1_0_0_0.zip', makeZip(solutionFiles.map((rel) => ({ name: rel, data: fs.readFileSync(path.join(solution, rel)) }))));
    write(dir, 'README.md', '# Flows\n');
    write(dir, 'package.json', '{}\n');

    const files = filesPattern(theHook());
    const selected = listFiles(dir).filter((p) => files.test(p));
    assert.ok(!selected.includes('README.md') && !selected.includes('package.json'));

    const whole = runCli(['lint', '--format', 'json', '--no-progress', '.'], dir);
    const hooked = runCli(['lint', '--format', 'json', '--no-progress', ...selected], dir);
    assert.strictEqual(hooked.code, whole.code, hooked.stderr);
    assert.strictEqual(whole.code, 1, 'the planted passwords are errors');
    const expected = findingsByFile(whole.stdout);
    assert.ok(expected.size >= 5, `findings in the robin, txt, powerautomate, xml and zip files (got ${[...expected.keys()].join(', ')})`);
    assert.deepStrictEqual(findingsByFile(hooked.stdout), expected);
  });
});
