import * as assert from 'node:assert/strict';
import {
  BASELINE_FILE, CONFIG_FILE, SettingsFileError, SettingsResolver, enginePathOf, type SettingsHost, type SettingsOptions,
} from '../../../src/core/lint/settings';
import { isWithin, normalizeAbsolute, parentOf, relativeInside, resolveFrom } from '../../../src/core/lint/settings-paths';

/** A file system in a map: absolute `/`-separated path → text. Counts reads. */
function memoryHost(files: Record<string, string>, unreadable: readonly string[] = []): SettingsHost & { reads: string[] } {
  const reads: string[] = [];
  return {
    reads,
    async readText(path) {
      reads.push(path);
      if (unreadable.includes(path)) throw Object.assign(new Error('EACCES'), { code: 'EACCES' });
      return files[path];
    },
  };
}

const baselineText = (...entries: { path: string; fingerprint: string }[]): string =>
  JSON.stringify({ version: 1, findings: entries.map((e) => ({ ...e, ruleId: 'secret-in-variable' })) });

function resolver(files: Record<string, string>, options: Partial<SettingsOptions> = {}): SettingsResolver {
  return new SettingsResolver(memoryHost(files), { fallbackRoot: '/work', ...options });
}

describe('settings: which configuration and baseline apply to a file', () => {
  describe('the configuration', () => {
    it('is the nearest .flowvaultrc.json in the file\'s folder or above; engine paths are relative to its folder', async () => {
      const r = resolver({
        [`/repo/${CONFIG_FILE}`]: '{ "secretWords": ["outer"] }',
        [`/repo/team/${CONFIG_FILE}`]: '{ "secretWords": ["inner"] }',
      });
      const inner = await r.forFile('/repo/team/flows/a.robin');
      assert.equal(inner.configPath, `/repo/team/${CONFIG_FILE}`);
      assert.equal(inner.root, '/repo/team');
      assert.deepEqual(inner.config.secretWords, ['inner']);
      assert.equal(enginePathOf('/repo/team/flows/a.robin', inner), 'flows/a.robin');

      const outer = await r.forFile('/repo/other/b.robin');
      assert.equal(outer.configPath, `/repo/${CONFIG_FILE}`);
      assert.deepEqual(outer.config.secretWords, ['outer']);
      assert.equal(enginePathOf('/repo/other/b.robin', outer), 'other/b.robin');

      // The config's own folder counts; nested configurations are not merged.
      const beside = await r.forFile(`/repo/team/x.robin`);
      assert.equal(beside.configPath, `/repo/team/${CONFIG_FILE}`);
      assert.ok(!beside.config.secretWords.includes('outer'));
    });

    it('gives every file of a folder, and every folder under one configuration and baseline, the same object', async () => {
      const r = resolver({ [`/repo/${CONFIG_FILE}`]: '{}' });
      const a = await r.forFile('/repo/a/x.robin');
      const b = await r.forFile('/repo/a/y.robin');
      const c = await r.forFile('/repo/b/deep/z.robin');
      assert.equal(a, b);
      assert.equal(a, c);
    });

    it('reads each file once, however many folders ask', async () => {
      const host = memoryHost({ [`/repo/${CONFIG_FILE}`]: '{}' });
      const r = new SettingsResolver(host, { fallbackRoot: '/repo' });
      await Promise.all(['/repo/a/1.robin', '/repo/a/2.robin', '/repo/b/3.robin', '/repo/a/c/4.robin'].map((f) => r.forFile(f)));
      const counts = new Map<string, number>();
      for (const p of host.reads) counts.set(p, (counts.get(p) ?? 0) + 1);
      assert.deepEqual([...counts.values()].filter((n) => n > 1), [], `read more than once: ${host.reads.join(', ')}`);
      r.clear();
      await r.forFile('/repo/a/1.robin');
      assert.equal(host.reads.filter((p) => p === `/repo/${CONFIG_FILE}`).length, 2, 'clear() reads again');
    });

    it('the editor stops at the workspace folder: a configuration above it does not apply', async () => {
      const files = { [`/home/${CONFIG_FILE}`]: '{ "secretWords": ["above"] }' };
      const editor = resolver(files, { stopAt: '/home/ws', fallbackRoot: '/home/ws' });
      const s = await editor.forFile('/home/ws/flows/a.robin');
      assert.equal(s.configPath, undefined);
      assert.equal(s.root, '/home/ws');
      const cli = resolver(files, { fallbackRoot: '/home/ws' });
      assert.equal((await cli.forFile('/home/ws/flows/a.robin')).configPath, `/home/${CONFIG_FILE}`);
    });

    it('--config names one configuration for every file, found nowhere near them; its folder is the root', async () => {
      const r = resolver(
        {
          '/etc/fv/strict.json': '{ "rules": { "secret-in-variable": "off" } }',
          [`/repo/${CONFIG_FILE}`]: '{ "secretWords": ["ignored"] }',
        },
        { configFile: '/etc/fv/strict.json' },
      );
      const s = await r.forFile('/repo/flows/a.robin');
      assert.equal(s.configPath, '/etc/fv/strict.json');
      assert.equal(s.config.rules['secret-in-variable'], 'off');
      assert.deepEqual(s.config.secretWords, []);
      assert.equal(s.root, '/etc/fv');
      assert.equal(s.baselinePath, `/etc/fv/${BASELINE_FILE}`);
      // Outside the root: the absolute path.
      assert.equal(enginePathOf('/repo/flows/a.robin', s), '/repo/flows/a.robin');
    });

    it('a --config file that does not exist, or a configuration that cannot be read, is an error naming the file', async () => {
      const named = resolver({}, { configFile: '/nowhere/rc.json' });
      await assert.rejects(named.forFile('/repo/a.robin'), (e: unknown) => e instanceof SettingsFileError && e.path === '/nowhere/rc.json' && e.kind === 'configuration');
      const locked = new SettingsResolver(memoryHost({}, [`/repo/${CONFIG_FILE}`]), { fallbackRoot: '/repo' });
      await assert.rejects(locked.forFile('/repo/a.robin'), (e: unknown) => e instanceof SettingsFileError && e.path === `/repo/${CONFIG_FILE}`);
    });

    it('a configuration with mistakes applies what it can and lists the problems under its display name', async () => {
      const r = resolver({ [`/repo/${CONFIG_FILE}`]: '{ "rules": { "secret-in-variable": "loud" } }' }, { displayName: (p) => `<${p}>` });
      const s = await r.forFile('/repo/a.robin');
      assert.equal(s.configProblems.length, 1);
      assert.match(s.configProblems[0]!.message, new RegExp(`^</repo/${CONFIG_FILE.replace(/\./g, '\\.')}>`));
      assert.equal(s.config.rules['secret-in-variable'], 'warning');
    });
  });

  describe('the baseline', () => {
    it('is the one the configuration names, relative to the configuration\'s folder', async () => {
      const r = resolver({
        [`/repo/${CONFIG_FILE}`]: '{ "baseline": "ci/accepted.json" }',
        '/repo/ci/accepted.json': baselineText({ path: 'flows/a.robin', fingerprint: 'f1' }),
        [`/repo/flows/${BASELINE_FILE}`]: baselineText({ path: 'a.robin', fingerprint: 'f2' }),
      });
      const s = await r.forFile('/repo/flows/a.robin');
      assert.equal(s.baselinePath, '/repo/ci/accepted.json');
      assert.deepEqual(s.baseline?.findings.map((f) => f.fingerprint), ['f1']);
      assert.equal(s.root, '/repo');
    });

    it('with a configuration that names none: .flowvault-baseline.json beside it, not one nearer the file or above', async () => {
      const r = resolver({
        [`/repo/${CONFIG_FILE}`]: '{}',
        [`/${BASELINE_FILE}`]: baselineText({ path: 'x', fingerprint: 'above' }),
        [`/repo/flows/${BASELINE_FILE}`]: baselineText({ path: 'x', fingerprint: 'nearer' }),
      });
      const s = await r.forFile('/repo/flows/a.robin');
      assert.equal(s.baselinePath, `/repo/${BASELINE_FILE}`);
      assert.equal(s.baseline, undefined);
    });

    it('with no configuration: the nearest .flowvault-baseline.json upward, whose folder is the root', async () => {
      const r = resolver({ [`/repo/${BASELINE_FILE}`]: baselineText({ path: 'flows/a.robin', fingerprint: 'f1' }) }, { fallbackRoot: '/repo/flows' });
      const s = await r.forFile('/repo/flows/a.robin');
      assert.equal(s.configPath, undefined);
      assert.equal(s.baselinePath, `/repo/${BASELINE_FILE}`);
      assert.equal(s.root, '/repo');
      assert.equal(enginePathOf('/repo/flows/a.robin', s), 'flows/a.robin');
      assert.equal(s.baseline?.findings.length, 1);
    });

    it('with neither: the fallback root (the CLI\'s working directory), and the baseline there', async () => {
      const r = resolver({ [`/work/${BASELINE_FILE}`]: baselineText({ path: '/elsewhere/a.robin', fingerprint: 'f1' }) }, { fallbackRoot: '/work' });
      const s = await r.forFile('/elsewhere/a.robin');
      assert.equal(s.root, '/work');
      assert.equal(s.baselinePath, `/work/${BASELINE_FILE}`);
      assert.equal(s.baseline?.findings.length, 1, 'the baseline written there is read there');
      const inside = await resolver({}, { fallbackRoot: '/work' }).forFile('/work/flows/a.robin');
      assert.equal(inside.root, '/work');
      assert.equal(inside.baseline, undefined);
    });

    it('--baseline names one for every file; with no configuration its folder is the root', async () => {
      const r = resolver({ '/ci/b.json': baselineText({ path: 'x', fingerprint: 'f' }), [`/repo/${BASELINE_FILE}`]: '{}' }, { baselineFile: '/ci/b.json' });
      const s = await r.forFile('/repo/a.robin');
      assert.equal(s.baselinePath, '/ci/b.json');
      assert.equal(s.root, '/ci');
      const withConfig = await resolver({ [`/repo/${CONFIG_FILE}`]: '{ "baseline": "mine.json" }' }, { baselineFile: '/ci/b.json' }).forFile('/repo/a.robin');
      assert.equal(withConfig.baselinePath, '/ci/b.json');
      assert.equal(withConfig.root, '/repo');
    });

    it('readBaseline: false says where the baseline is without reading its findings; the root stays the same', async () => {
      const files = { [`/repo/${BASELINE_FILE}`]: baselineText({ path: 'a.robin', fingerprint: 'f' }) };
      const read = await resolver(files).forFile('/repo/flows/a.robin');
      const unread = await resolver(files, { readBaseline: false }).forFile('/repo/flows/a.robin');
      assert.equal(unread.baseline, undefined);
      assert.equal(unread.baselinePath, read.baselinePath);
      assert.equal(unread.root, read.root);
    });

    it('a baseline that does not parse gives problems and no findings; a BOM is fine', async () => {
      const s = await resolver({ [`/repo/${BASELINE_FILE}`]: '{ nope' }).forFile('/repo/a.robin');
      assert.equal(s.baseline?.findings.length, 0);
      assert.equal(s.baselineProblems.length, 1);
      const bom = await resolver({ [`/repo/${CONFIG_FILE}`]: '\uFEFF{ "secretWords": ["w"] }' }).forFile('/repo/a.robin');
      assert.deepEqual(bom.configProblems, []);
      assert.deepEqual(bom.config.secretWords, ['w']);
    });
  });

  describe('Windows paths', () => {
    it('a drive path (C:/ or C:\\) is searched up to the drive\'s root, and never above it', async () => {
      const r = resolver({ [`C:/${CONFIG_FILE}`]: '{ "secretWords": ["drive"] }' }, { fallbackRoot: 'C:\\work' });
      const s = await r.forFile('C:\\work\\flows\\a.robin');
      assert.equal(s.configPath, `C:/${CONFIG_FILE}`);
      assert.equal(s.root, 'C:/');
      assert.equal(enginePathOf('C:\\work\\flows\\a.robin', s), 'work/flows/a.robin');
      const none = await resolver({}, { fallbackRoot: 'D:/w' }).forFile('D:/w/x/a.robin');
      assert.equal(none.root, 'D:/w');
      assert.equal(enginePathOf('D:/w/x/a.robin', none), 'x/a.robin');
    });

    it('a VS Code URI path (/c:/...) stops at the workspace folder', async () => {
      const r = resolver({ [`/c:/ws/${CONFIG_FILE}`]: '{}' }, { fallbackRoot: '/c:/ws', stopAt: '/c:/ws' });
      const s = await r.forFile('/c:/ws/sub/a.robin');
      assert.equal(s.root, '/c:/ws');
      assert.equal(enginePathOf('/c:/ws/sub/a.robin', s), 'sub/a.robin');
    });

    it('path helpers: normalise, parent, resolve, relative', () => {
      assert.equal(normalizeAbsolute('C:\\a\\.\\b\\..\\c\\'), 'C:/a/c');
      assert.equal(normalizeAbsolute('/a//b/'), '/a/b');
      assert.equal(parentOf('C:/a'), 'C:/');
      assert.equal(parentOf('C:/'), undefined);
      assert.equal(parentOf('/a'), '/');
      assert.equal(parentOf('/'), undefined);
      assert.equal(resolveFrom('/repo', '../ci/b.json'), '/ci/b.json');
      assert.equal(resolveFrom('/repo', 'D:\\b.json'), 'D:/b.json');
      assert.equal(relativeInside('/repo', '/repo2/a'), undefined);
      assert.equal(relativeInside('C:/', 'C:/a/b'), 'a/b');
      assert.ok(isWithin('/repo', '/repo'));
      assert.ok(!isWithin('/repo', '/repository/a'));
    });
  });
});
