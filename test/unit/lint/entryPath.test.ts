/** Paths of files inside files (`archive.zip!/inner/path`): one way to split and join them. */
import * as assert from 'node:assert/strict';
import { entryLevels, innermostEntry, joinEntryPath, splitEntryPath } from '../../../src/core/lint/entryPath';

describe('entry paths', () => {
  it('a plain file has no entry', () => {
    assert.deepEqual(splitEntryPath('flows/a.robin'), { file: 'flows/a.robin' });
    assert.deepEqual(splitEntryPath('weird!name/a.robin'), { file: 'weird!name/a.robin' });
    assert.equal(innermostEntry('flows/a.robin'), undefined);
  });

  it('a zip entry: the archive and the path inside it', () => {
    assert.deepEqual(splitEntryPath('dist/S_1_0.zip!/flows/extra.robin'), { file: 'dist/S_1_0.zip', entry: 'flows/extra.robin' });
    assert.equal(joinEntryPath('dist/S_1_0.zip', 'flows/extra.robin'), 'dist/S_1_0.zip!/flows/extra.robin');
  });

  it('nested: the split is at the archive, the levels inside are kept in order', () => {
    const path = 'S.zip!/Workflows/x.json!/script.robin';
    assert.deepEqual(splitEntryPath(path), { file: 'S.zip', entry: 'Workflows/x.json!/script.robin' });
    assert.deepEqual(entryLevels('Workflows/x.json!/script.robin'), ['Workflows/x.json', 'script.robin']);
    assert.equal(innermostEntry(path), 'script.robin');
    assert.equal(innermostEntry('Workflows/x.json!/script.robin'), 'script.robin');
  });

  it('when the file is known, the split is right after it, even if its own path holds `!/`', () => {
    assert.deepEqual(splitEntryPath('odd!/S.zip!/customizations.xml', 'odd!/S.zip'), { file: 'odd!/S.zip', entry: 'customizations.xml' });
    assert.deepEqual(splitEntryPath('odd!/S.zip', 'odd!/S.zip'), { file: 'odd!/S.zip' });
    // Without it, the first `!/` splits.
    assert.deepEqual(splitEntryPath('odd!/S.zip!/customizations.xml'), { file: 'odd', entry: 'S.zip!/customizations.xml' });
  });

  it('leading slashes of an entry are dropped', () => {
    assert.deepEqual(splitEntryPath('S.zip!//x.robin'), { file: 'S.zip', entry: 'x.robin' });
    assert.deepEqual(entryLevels('/a.json!//script.robin'), ['a.json', 'script.robin']);
  });
});
