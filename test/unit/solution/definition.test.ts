import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import {
  decodeDefinition,
  encodeForDefinition,
  escapeJsonString,
  mapDefinitionEdit,
  readCustomizations,
} from '../../../src/core/solution';
import type { SolutionFlow, TextEdit } from '../../../src/core/solution';
import { CUSTOMIZATIONS, FIXTURES, readUtf8, referenceDecode, rng, solutionXml, workflowXml } from './helpers';

function apply(text: string, edit: TextEdit): string {
  return text.slice(0, edit.range.start) + edit.newText + text.slice(edit.range.end);
}

/** Pieces random edits are made of: everything that needs escaping in either layer, and more. */
const PIECES = [
  'a', 'Z', ' ', '\r\n', '\n', '\r', '\t', '"', '\\', "'", "'''", "\\'", '<', '>', '&', '&gt;', '&amp;quot;', '\\"', '\\u0041',
  ']]>', '<![CDATA[', '<!--', '%', '%%', '=>', 'é', '€', '😀', '\ud83d', '\ude00', '\u2028', '\u0000', '\u001f', '\u007f', '\ufeff',
  "SET Password TO $'''x'''", 'Credential.Password', '/', '</Definition>',
];

function randomText(next: () => number, maxPieces: number): string {
  let s = '';
  const n = Math.floor(next() * (maxPieces + 1));
  for (let i = 0; i < n; i++) s += PIECES[Math.floor(next() * PIECES.length)];
  return s;
}

/** Decodes the flow again straight from the edited file, both ways. */
function redecode(xml: string, flow: SolutionFlow, fileEdit: TextEdit): string {
  const def = flow.definition!;
  const delta = fileEdit.newText.length - (fileEdit.range.end - fileEdit.range.start);
  const decoded = decodeDefinition(xml, def.range.start, def.range.end + delta);
  assert.equal(decoded.text, referenceDecode(xml.slice(def.range.start, def.range.end + delta)));
  return decoded.text;
}

describe('solution/encodeForDefinition', () => {
  it('writes what Dataverse writes: JSON escapes, then &amp; &lt; &gt; only', () => {
    assert.equal(encodeForDefinition(`IF a > b THEN\r\n  SET x TO "q" & 'p' <\\>`), `IF a &gt; b THEN\\r\\n  SET x TO \\"q\\" &amp; 'p' &lt;\\\\&gt;`);
    assert.equal(encodeForDefinition('Café ✓ 😀'), 'Café ✓ 😀');
    assert.equal(encodeForDefinition('\t\b\f\u0001\u001f'), '\\t\\b\\f\\u0001\\u001f');
    assert.equal(encodeForDefinition('\ud83d'), '\\ud83d');
    assert.equal(encodeForDefinition('a', { xmlQuot: true, xmlApos: true, jsonAsciiOnly: true }), 'a');
    assert.equal(encodeForDefinition(`"é'`, { xmlQuot: true, xmlApos: true, jsonAsciiOnly: true }), `\\&quot;\\u00e9&apos;`);
    assert.equal(escapeJsonString('é😀', true), '\\u00e9\\ud83d\\ude00');
  });

  it('reproduces every corpus definition byte for byte', function () {
    for (const file of [CUSTOMIZATIONS.main, CUSTOMIZATIONS.localConnectors]) {
      const xml = readUtf8(file);
      for (const flow of readCustomizations(xml).flows) {
        const def = flow.definition!;
        assert.equal(encodeForDefinition(def.text, def.style), xml.slice(def.stringRange.start, def.stringRange.end), flow.name);
        assert.equal(encodeForDefinition(def.text), xml.slice(def.stringRange.start, def.stringRange.end), flow.name);
      }
    }
  });

  it('round-trips any text through decodeDefinition', () => {
    const next = rng(7);
    const fixed = ['', '\ufeff', '\ufeffx', '\ud800', 'a\udc00', '\ufffd', '"', '\\', '\r\n', ']]>'];
    for (let i = 0; i < 500 + fixed.length; i++) {
      const text = i < fixed.length ? fixed[i] : randomText(next, 30);
      const xml = `<Definition>"${encodeForDefinition(text)}"</Definition>`;
      assert.equal(decodeDefinition(xml, 12, xml.length - 13).text, text);
    }
  });
});

describe('solution/mapDefinitionEdit', () => {
  function check(xml: string, seed: number, editsPerFlow: number, fullReadEvery: number): number {
    const { flows } = readCustomizations(xml);
    const next = rng(seed);
    let count = 0;
    for (const [index, flow] of flows.entries()) {
      const text = flow.definition!.text;
      for (let k = 0; k < editsPerFlow; k++) {
        const a = Math.floor(next() * (text.length + 1));
        const b = next() < 0.3 ? a : Math.min(text.length, a + Math.floor(next() * 40));
        const edit: TextEdit = { range: { start: a, end: b }, newText: randomText(next, 6) };
        const expected = apply(text, edit);
        const fileEdit = mapDefinitionEdit(flow, edit);
        const edited = apply(xml, fileEdit);
        // Nothing outside the mapped range changed, and that range is inside the JSON string.
        assert.ok(fileEdit.range.start >= flow.definition!.stringRange.start && fileEdit.range.end <= flow.definition!.stringRange.end);
        assert.equal(edited.slice(0, fileEdit.range.start), xml.slice(0, fileEdit.range.start));
        assert.equal(edited.slice(fileEdit.range.start + fileEdit.newText.length), xml.slice(fileEdit.range.end));
        assert.equal(redecode(edited, flow, fileEdit), expected, `${flow.name}: edit ${k}`);
        if (count % fullReadEvery === 0) {
          const again = readCustomizations(edited);
          assert.deepEqual(again.problems, []);
          assert.equal(again.flows[index].definition!.text, expected);
          for (const [j, other] of again.flows.entries()) if (j !== index) assert.equal(other.definition!.text, flows[j].definition!.text);
        }
        count++;
      }
    }
    return count;
  }

  it('applies random edits on every corpus definition exactly', function () {
    const n = check(readUtf8(CUSTOMIZATIONS.main), 1, 40, 97) + check(readUtf8(CUSTOMIZATIONS.localConnectors), 2, 40, 97);
    assert.equal(n, (13 + 10) * 40);
  });

  it('applies random edits on the fixture and on text full of escapes', () => {
    check(readUtf8(path.join(FIXTURES, 'customizations.xml')), 3, 200, 50);
    const content = '"a&gt;b &lt;&amp; \\&quot;q\\&quot; \\&quot;x\\" \\\\ \\/ \\t\\r\\n \\u00e9\\u20AC &#233;&#x20ac; &#x1F600; \\ud83d\\ude00 😀 <![CDATA[<raw & \\"c\\" >]]>✓"';
    check(solutionXml(workflowXml('Escapes', content)), 4, 400, 40);
  });

  it('widens an edit that would split a character written as one entity', () => {
    const xml = solutionXml(workflowXml('Pair', '"a&#x1F600;b"'));
    const flow = readCustomizations(xml).flows[0];
    assert.equal(flow.definition!.text, 'a😀b');
    const edit = { range: { start: 2, end: 2 }, newText: 'X' }; // between the two halves
    const fileEdit = mapDefinitionEdit(flow, edit);
    assert.equal(xml.slice(fileEdit.range.start, fileEdit.range.end), '&#x1F600;');
    assert.equal(fileEdit.newText, '\\ud83dX\\ude00');
    const edited = apply(xml, fileEdit);
    assert.equal(readCustomizations(edited).flows[0].definition!.text, apply('a😀b', edit));
  });

  it('keeps the flow style (&quot; entities, ASCII-only JSON) when the file uses it', () => {
    const xml = solutionXml(workflowXml('Styled', '&quot;SET x TO \\&quot;caf\\u00e9\\&quot;&quot;'));
    const flow = readCustomizations(xml).flows[0];
    assert.equal(flow.definition!.text, 'SET x TO "café"');
    assert.deepEqual(flow.definition!.style, { xmlQuot: true, xmlApos: false, jsonAsciiOnly: true });
    const fileEdit = mapDefinitionEdit(flow, { range: { start: 0, end: 0 }, newText: '"ü"' });
    assert.equal(fileEdit.newText, '\\&quot;\\u00fc\\&quot;');
  });

  it('refuses a flow without a decoded definition, naming it', () => {
    const flow = { name: 'No def', workflowId: '', range: { start: 0, end: 0 } };
    assert.throws(() => mapDefinitionEdit(flow, { range: { start: 0, end: 0 }, newText: 'x' }), /'No def'/);
  });
});
