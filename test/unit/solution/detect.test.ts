import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { detectFormat, looksLikeRobin } from '../../../src/core/solution';
import { tripleQuotes } from '../../../src/core/solution/detect';
import { PUBLIC_CORPUS, readUtf8, rng, walk } from './helpers';
import { countStringWork } from '../../support/stringWork';

const README = `# Flow Vault

Flow Vault finds hard-coded passwords in Power Automate desktop flows.

## Install

Run \`npm install\` and then open the folder in VS Code. See CHANGELOG.txt.
To set it up, SET the path TO your flows folder in the settings.

- Node.js 20 or later
- A workspace with .robin files
`;

const LOG = `2024-05-01 10:00:01 INFO  Starting run 42
2024-05-01 10:00:02 WARN  Retrying System.Net.Http request
2024-05-01 10:00:03 ERROR Timeout after 30s
   at Flow.Runner.Execute() in C:\\src\\Runner.cs:line 12
2024-05-01 10:00:04 INFO  Done
`;

const NOTES = `Meeting notes
IF we ship THEN we celebrate
Action items: Bob, Alice
System.IO is a namespace.
`;

describe('solution/detectFormat and looksLikeRobin', () => {
  it('detects by name and extension', () => {
    assert.equal(detectFormat('a/b/customizations.xml', ''), 'solution-xml');
    assert.equal(detectFormat('C:\\x\\Customizations.XML', ''), 'solution-xml');
    assert.equal(detectFormat('sol.zip!/customizations.xml', ''), 'solution-xml');
    assert.equal(detectFormat('flow.robin', 'anything'), 'robin');
    assert.equal(detectFormat('flow.ROBIN', ''), 'robin');
    assert.equal(detectFormat('flow.powerautomate', ''), 'robin');
    assert.equal(detectFormat('flow.json', 'SET x TO 1'), 'other');
    assert.equal(detectFormat('robin', 'SET x TO 1'), 'other');
  });

  it('detects solution XML by content: an <ImportExportXml> root with <Workflows>', () => {
    const xml = '<?xml version="1.0" encoding="utf-8"?>\r\n<!-- exported -->\r\n<ImportExportXml xmlns:xsi="x">\r\n<Workflows>\r\n<Workflow/></Workflows></ImportExportXml>';
    assert.equal(detectFormat('renamed.xml', xml), 'solution-xml');
    assert.equal(detectFormat('renamed.xml', '\ufeff' + xml), 'solution-xml');
    assert.equal(detectFormat('solution.xml', '<ImportExportXml><SolutionManifest/></ImportExportXml>'), 'other');
    assert.equal(detectFormat('other.xml', '<root><Workflows/></root>'), 'other');
    assert.equal(detectFormat('[Content_Types].xml', '<Types/>'), 'other');
  });

  it('takes .txt files that are Robin and skips READMEs, logs and notes', () => {
    assert.equal(detectFormat('main.txt', 'SET x TO 1\r\nCALL Init\r\n'), 'robin');
    assert.equal(detectFormat('one.txt', "Display.ShowMessageDialog.ShowMessage Title: $'''Hi''' Message: $'''x''' Icon: Display.Icon.None"), 'robin');
    assert.equal(detectFormat('README.txt', README), 'other');
    assert.equal(detectFormat('run.txt', LOG), 'other');
    assert.equal(detectFormat('notes.txt', NOTES), 'other');
    assert.equal(detectFormat('empty.txt', ''), 'other');
    assert.equal(looksLikeRobin('just one line of prose'), false);
    assert.equal(looksLikeRobin('{"json": true}'), false);
  });

  it('ignores comments and the lines of multi-line strings', () => {
    const script = [
      '/# A long description',
      'that spans several lines',
      'and is not code at all.',
      '#/',
      '# a comment',
      "Database.ExecuteSqlStatement.ConnectAndExecute ConnectionString: Input_ConnectionString Statement: $'''SELECT *",
      'FROM table',
      'WHERE a = 1',
      'ORDER BY b',
      "AND c = \\'x\\''''  Timeout: 30 Result=> Result",
      'END',
    ].join('\r\n');
    assert.equal(looksLikeRobin(script), true);
  });

  it("counts a line's triple quotes the way the plain regex count does, escapes dropped", () => {
    const next = rng(3);
    const alphabet = ["'", "'", "'", '\\', 'x', ' ', '$', '\r'];
    for (let i = 0; i < 5000; i++) {
      let line = '';
      for (let k = Math.floor(next() * 14); k > 0; k--) line += alphabet[Math.floor(next() * alphabet.length)];
      const expected = (line.replace(/\\./g, '').match(/'''/g) ?? []).length;
      assert.equal(tripleQuotes(line), expected, JSON.stringify(line));
    }
  });

  it('reads only the start of a long text', () => {
    const robin = 'SET x TO 1\n'.repeat(10) + 'prose line\n'.repeat(100_000);
    assert.equal(looksLikeRobin(robin), false); // the first 8 KB are mostly prose
    assert.equal(looksLikeRobin('SET x TO 1\n'.repeat(5000) + 'prose\n'.repeat(100_000)), true);
    // What follows the first 8 KB is never read: nine times the text, the same work.
    const long = countStringWork(() => looksLikeRobin(robin));
    const longer = countStringWork(() => looksLikeRobin(robin + 'prose line\n'.repeat(800_000)));
    assert.equal(longer.result, false);
    assert.equal(longer.work, long.work);
    assert.ok(long.work < 20 * 8192, `${long.work} units`);
    assert.ok(countStringWork(() => looksLikeRobin('SET x TO 1\n'.repeat(100_000))).work < 20 * 8192);
  });

  it('says Robin for every .txt and .robin file of the public corpus', function () {
    const files = walk(PUBLIC_CORPUS, (n) => n.endsWith('.txt') || n.endsWith('.robin'));
    assert.ok(files.length > 100);
    const missed = files.filter((f) => !looksLikeRobin(readUtf8(f))).map((f) => path.relative(PUBLIC_CORPUS, f));
    assert.deepEqual(missed, []);
    for (const f of walk(PUBLIC_CORPUS, (n) => n.endsWith('.md') || n.endsWith('.json') || n === 'LICENSE')) {
      assert.equal(looksLikeRobin(readUtf8(f)), false, f);
    }
    for (const f of walk(PUBLIC_CORPUS, (n) => n.endsWith('.xml'))) {
      const expected = path.basename(f) === 'customizations.xml' ? 'solution-xml' : 'other';
      assert.equal(detectFormat(f, readUtf8(f)), expected, f);
    }
  });
});
