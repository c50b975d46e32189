import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LineIndex, parse } from '../../../src/core/robin';
import { corpusRoot, decodeDefinitions, filesUnder } from './helpers';
import { checkInvariants } from './invariants';

/**
 * Real problems in the corpus that the parser must report (and nothing else). The capstone lab
 * closes its BLOCK at line 121 and has one more END at line 160 that closes nothing.
 */
const EXPECTED_MESSAGES: Record<string, string[]> = {
  'pad-labs/modules/10-capstone-sales-ops/scripts/10-capstone-sales-ops.robin': ['160: END without an open block'],
};

describe('robin corpus', function () {
  this.timeout(60000);
  const root = corpusRoot();

  it('finds the public corpus', () => {
    assert.ok(fs.existsSync(root), `corpus not found at ${root}`);
  });

  const files = fs.existsSync(root) ? filesUnder(root, /\.(txt|robin)$/i) : [];
  const xmls = fs.existsSync(root) ? filesUnder(root, /^customizations\.xml$/i) : [];

  it('has the expected files', () => {
    assert.ok(files.length >= 130, `only ${files.length} .txt/.robin files`);
    assert.equal(xmls.length, 2);
  });

  it('parses every .txt and .robin file with no unrecognised statement and no message', () => {
    const problems: string[] = [];
    let statements = 0;
    for (const file of files) {
      const rel = path.relative(root, file).split(path.sep).join('/');
      const text = fs.readFileSync(file, 'utf8');
      const script = parse(text);
      checkInvariants(text, script);
      statements += script.statements.length;
      const lines = new LineIndex(text);
      const got: string[] = [];
      for (const s of script.statements) {
        if (s.kind === 'unrecognised') got.push(`${lines.positionAt(s.range.start).line + 1}: unrecognised: ${s.message}`);
      }
      for (const m of script.messages) got.push(`${lines.positionAt(m.range.start).line + 1}: ${m.message}`);
      const expected = EXPECTED_MESSAGES[rel] ?? [];
      if (JSON.stringify(got) !== JSON.stringify(expected)) problems.push(`${rel}:\n  ${got.join('\n  ')}`);
      if (/\.robin$/.test(file) && text.includes('# [ControlRepository][PowerAutomateDesktop]')) {
        const trailer = script.statements.find((s) => s.kind === 'trailer');
        assert.ok(trailer && trailer.kind === 'trailer' && trailer.json !== undefined, `${rel}: trailer JSON`);
      }
    }
    assert.deepEqual(problems, []);
    assert.ok(statements > 3000);
  });

  it('parses every <Definition> of both customizations.xml with no unrecognised statement and no message', () => {
    let definitions = 0;
    let withSubflows = 0;
    const problems: string[] = [];
    for (const xml of xmls) {
      const defs = decodeDefinitions(fs.readFileSync(xml, 'utf8'));
      assert.ok(defs.length >= 10, `${xml}: ${defs.length} definitions`);
      for (const [i, text] of defs.entries()) {
        definitions++;
        const script = parse(text);
        checkInvariants(text, script);
        const lines = new LineIndex(text);
        for (const s of script.statements) {
          if (s.kind === 'unrecognised') problems.push(`${xml}#${i} line ${lines.positionAt(s.range.start).line + 1}: ${s.message}`);
        }
        for (const m of script.messages) problems.push(`${xml}#${i} line ${lines.positionAt(m.range.start).line + 1}: ${m.message}`);
        // A stored definition starts with its header.
        assert.ok(script.header.some((a) => a.key === 'ConnectionString'), `${xml}#${i}: header`);
        assert.ok(script.statements.some((s) => s.kind === 'import'), `${xml}#${i}: IMPORT`);
        if (script.statements.some((s) => s.kind === 'function' && s.closed)) withSubflows++;
      }
    }
    assert.deepEqual(problems, []);
    assert.equal(definitions, 23);
    assert.equal(withSubflows, 19, `${withSubflows} definitions with subflows`);
  });
});
