import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { decodeText, locateInputDefault, locateInputValue, readCustomizations } from '../../../src/core/solution';
import type { CustomizationsResult, SolutionFlow } from '../../../src/core/solution';
import { readCustomizationsWithSax } from '../../../src/core/solution/customizations';
import { scanWorkflows } from '../../../src/core/solution/xmlScan';
import { CUSTOMIZATIONS, FIXTURES, readUtf8, referenceDecode, rng, solutionXml, workflowXml } from './helpers';
import { countStringWork } from '../../support/stringWork';

/** Counted by hand (grep '<Category>6</Category>' and the Workflow Name attributes). */
const MAIN_FLOWS = [
  'PADFramework: FlowTemplate (WorkQueues)',
  'PADFramework: FlowTemplate',
  'PADFramework: EmailSender',
  'PADFramework: BrowserCloser',
  'PADFramework: LoggerLocalConnectors',
  'PADFramework: LoggerCloudConnectors',
  'PADFramework: ConfigReaderCloudConnectors',
  'PADFramework: BrowserLauncher',
  'PADFramework: EmailSenderO365Outlook',
  'PADFramework: ConfigReaderLocalConnectors',
  'PADFramework: ScreenshotMaker',
  'PADFramework: ExcelCloser',
  'PADFramework: WorkItemHandler',
];
const LOCAL_FLOWS = MAIN_FLOWS.filter((n) => !/LoggerCloud|ConfigReaderCloud|O365/.test(n));

/** Everything a reader gives, with the offset maps sampled (building them checks both decoders agree). */
function summary(result: CustomizationsResult): unknown {
  return {
    problems: result.problems,
    flows: result.flows.map((f) => {
      const def = f.definition;
      const offsets: number[] = [];
      if (def) for (let i = 0; i <= def.text.length; i += 1 + (i % 37)) offsets.push(def.toFileOffset(i), def.fromFileOffset(def.toFileOffset(i) + 1, 'up'));
      const params = (p: SolutionFlow['inputs']) => p && { range: p.range, json: p.json, properties: p.properties };
      return {
        name: f.name,
        workflowId: f.workflowId,
        range: f.range,
        definition: def && { text: def.text, range: def.range, stringRange: def.stringRange, style: { ...def.style }, offsets, end: def.toFileOffset(def.text.length) },
        inputs: params(f.inputs),
        outputs: params(f.outputs),
      };
    }),
  };
}

function rawDefinition(xml: string, flow: SolutionFlow): string {
  const def = flow.definition!;
  return xml.slice(def.range.start, def.range.end);
}

describe('solution/readCustomizations', () => {
  describe('on the public corpus', function () {
    before(function () {
    });

    for (const [label, file, names] of [
      ['main', CUSTOMIZATIONS.main, MAIN_FLOWS],
      ['local-connectors-only', CUSTOMIZATIONS.localConnectors, LOCAL_FLOWS],
    ] as const) {
      describe(label, () => {
        let xml: string;
        let flows: SolutionFlow[];
        before(() => {
          xml = readUtf8(file);
          const result = readCustomizations(xml);
          assert.deepEqual(result.problems, []);
          flows = result.flows;
        });

        it(`finds the ${names.length} desktop flows by name`, () => {
          assert.deepEqual(flows.map((f) => f.name), names);
          for (const f of flows) assert.match(f.workflowId, /^\{[0-9a-f-]{36}\}$/);
        });

        it('decodes every definition exactly as XML-unescape + JSON.parse does', () => {
          for (const f of flows) {
            assert.ok(f.definition, f.name);
            assert.equal(f.definition.text, referenceDecode(rawDefinition(xml, f)), f.name);
            assert.ok(f.definition.text.startsWith('@@'), f.name);
            assert.equal(xml.slice(f.definition.range.start - '<Definition>'.length, f.definition.range.start), '<Definition>');
            assert.ok(xml.startsWith('</Definition>', f.definition.range.end));
            assert.equal(xml[f.definition.stringRange.start - 1], '"');
            assert.equal(xml[f.definition.stringRange.end], '"');
            assert.ok(xml.startsWith('<Workflow ', f.range.start));
            assert.ok(xml.slice(0, f.range.end).endsWith('</Workflow>'));
          }
        });

        it('maps every decoded offset to the exact encoded form in the file, and back', () => {
          let checked = 0;
          for (const f of flows) {
            const def = f.definition!;
            const text = def.text;
            assert.equal(def.toFileOffset(0), def.stringRange.start);
            assert.equal(def.toFileOffset(text.length), def.stringRange.end);
            for (let i = 0; i < text.length; i++) {
              const start = def.toFileOffset(i);
              const end = def.toFileOffset(i + 1);
              assert.ok(end > start, `${f.name} @${i}`);
              // The file text of one decoded character decodes to that character.
              const encoded = xml.slice(start, end);
              if (encoded !== text[i]) assert.equal(referenceDecode(`"${encoded}"`), text[i], `${f.name} @${i}`);
              assert.equal(def.fromFileOffset(start), i);
              // Inside an escape: down to the character, up past it.
              if (end - start > 1) {
                assert.equal(def.fromFileOffset(start + 1), i);
                assert.equal(def.fromFileOffset(start + 1, 'up'), i + 1);
              }
              checked++;
            }
            assert.equal(def.fromFileOffset(def.stringRange.end), text.length);
            assert.equal(def.fromFileOffset(def.range.start), 0);
            assert.equal(def.fromFileOffset(def.range.end + 100), text.length);
          }
          assert.ok(checked > 100_000);
        });

        it('reads the inputs and outputs, with the "format":"password" ones and their defaults located', () => {
          let passwords = 0;
          for (const f of flows) {
            assert.ok(f.inputs && f.outputs, f.name);
            assert.deepEqual(f.inputs.json, JSON.parse(xml.slice(f.inputs.range.start, f.inputs.range.end).replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')));
            for (const p of [...f.inputs.properties, ...f.outputs.properties]) {
              assert.equal(xml.slice(p.nameRange.start, p.nameRange.end), p.name);
              assert.equal(xml[p.range.start], '{');
              assert.equal(xml[p.range.end - 1], '}');
              if (p.format === 'password') passwords++;
              if (p.defaultRange) {
                assert.ok(xml.slice(p.defaultLiteralRange!.start, p.defaultLiteralRange!.end).startsWith('"'));
                assert.equal(JSON.parse(xml.slice(p.defaultLiteralRange!.start, p.defaultLiteralRange!.end)), p.default);
              }
            }
          }
          assert.equal(passwords, (xml.match(/"format":"password"/g) ?? []).length);
          const sender = flows.find((f) => f.name === 'PADFramework: EmailSender')!;
          const smtp = sender.inputs!.properties.find((p) => p.name === 'Input_SMTPObject')!;
          assert.equal(smtp.format, 'password');
          assert.equal(smtp.type, 'object');
          assert.equal(smtp.isOptional, true);
          assert.equal(smtp.default, '');
          const at = locateInputDefault(sender, 'Input_SMTPObject')!;
          assert.equal(at.start, at.end); // an empty string: an empty range between its quotes
          assert.equal(xml.slice(at.start - 11, at.end + 1), '"default":""');
          assert.equal(xml.slice(locateInputValue(sender, 'Input_SMTPObject')!.start, locateInputValue(sender, 'Input_SMTPObject')!.end), 'null');
          assert.equal(locateInputDefault(sender, 'NoSuchInput'), undefined);
        });

        it('reads it with the linear scan (no sax), with the same results as the full parser', () => {
          assert.ok(scanWorkflows(xml), 'the scan accepts an exported customizations.xml');
          assert.deepEqual(summary(readCustomizations(xml)), summary(readCustomizationsWithSax(xml)));
        });

        it('reads a copy with CRLF line ends and a BOM the same way (offsets shift, texts do not)', () => {
          const crlf = xml.replace(/\n/g, '\r\n');
          const decoded = decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(crlf, 'utf8')]));
          assert.ok(!('binary' in decoded));
          const again = readCustomizations(decoded.text);
          assert.deepEqual(again.problems, []);
          assert.deepEqual(again.flows.map((f) => f.definition!.text), flows.map((f) => f.definition!.text));
        });
      });
    }
  });

  describe('on the repository example', () => {
    it('reads examples/solution/customizations.xml', () => {
      const file = path.resolve(process.cwd(), 'examples', 'solution', 'customizations.xml');
      if (!fs.existsSync(file)) return;
      const xml = readUtf8(file);
      const { flows, problems } = readCustomizations(xml);
      assert.deepEqual(problems, []);
      assert.ok(flows.length >= 1);
      for (const f of flows) assert.equal(f.definition!.text, referenceDecode(rawDefinition(xml, f)));
    });
  });

  describe('on handwritten solutions', () => {
    it('skips cloud flows (category 5) and other workflows', () => {
      const xml = solutionXml(
        workflowXml('Cloud', '"not robin"', '', 5),
        workflowXml('Desktop', '"SET x TO 1"'),
        workflowXml('Classic', '"x"', '', 0),
      );
      const { flows, problems } = readCustomizations(xml);
      assert.deepEqual(problems, []);
      assert.deepEqual(flows.map((f) => f.name), ['Desktop']);
      assert.equal(flows[0].definition!.text, 'SET x TO 1');
    });

    it('decodes every escape form: named and numeric entities, CDATA, JSON escapes, surrogate pairs', () => {
      const content =
        ' \n "a&gt;b &lt;&amp; \\&quot;q\\&quot; \\&quot;x\\" \\\\ \\/ \\t\\r\\n \\u00e9\\u20AC &#233;&#x20ac; &#x1F600; \\ud83d\\ude00 😀 ' +
        '<![CDATA[<raw & \\"cdata\\" >]]><!-- a comment --> ✓" \n';
      const xml = solutionXml(workflowXml('Escapes', content));
      const { flows, problems } = readCustomizations(xml);
      assert.deepEqual(problems, []);
      const def = flows[0].definition!;
      assert.equal(def.text, 'a>b <& "q" "x" \\ / \t\r\n é€ é€ 😀 😀 😀 <raw & "cdata" > ✓');
      // Each decoded unit maps into the file in order, and back.
      for (let i = 0; i <= def.text.length; i++) {
        const f = def.toFileOffset(i);
        assert.ok(i === 0 || f >= def.toFileOffset(i - 1));
        const back = def.fromFileOffset(f);
        assert.ok(back <= i && def.toFileOffset(back) === f, `@${i}`);
      }
      const gt = def.text.indexOf('>');
      assert.equal(xml.slice(def.toFileOffset(gt), def.toFileOffset(gt + 1)), '&gt;');
      const q = def.text.indexOf('"x"');
      assert.equal(xml.slice(def.toFileOffset(q), def.toFileOffset(q + 1)), '\\&quot;');
      const e = def.text.indexOf('é');
      assert.equal(xml.slice(def.toFileOffset(e), def.toFileOffset(e + 1)), '\\u00e9');
      // A surrogate pair written as one entity: both halves map to its start; after it, past it.
      const smiley = def.text.indexOf('😀');
      assert.equal(xml.slice(def.toFileOffset(smiley), def.toFileOffset(smiley + 2)), '&#x1F600;');
      assert.equal(def.toFileOffset(smiley + 1), def.toFileOffset(smiley));
      assert.equal(def.fromFileOffset(def.toFileOffset(smiley) + 3, 'up'), smiley + 2);
      const cdata = def.text.indexOf('<raw');
      assert.equal(xml.slice(def.toFileOffset(cdata), def.toFileOffset(cdata + 4)), '<raw');
      assert.equal(def.style.xmlQuot, false);
    });

    it('reports an undecodable definition by flow name and position, never its content, and reads the other flows', () => {
      const secret = 'Hunter2-Sup3rSecret';
      const xml = solutionXml(
        workflowXml('Bad escape', `"SET p TO $'''${secret}''' \\q"`),
        workflowXml('Raw newline', `"line1\nline2 ${secret}"`),
        workflowXml('Not a string', `{"x": "${secret}"}`),
        workflowXml('Unterminated', `"${secret}`),
        workflowXml('Trailing', `"${secret}" x`),
        workflowXml('Empty', ''),
        workflowXml('Good', `"SET a TO 1"`),
      );
      const { flows, problems } = readCustomizations(xml);
      assert.deepEqual(flows.map((f) => f.name), ['Bad escape', 'Raw newline', 'Not a string', 'Unterminated', 'Trailing', 'Empty', 'Good']);
      assert.deepEqual(flows.map((f) => f.definition === undefined), [true, true, true, true, true, true, false]);
      assert.equal(problems.length, 6);
      for (const [i, p] of problems.entries()) {
        assert.ok(p.message.includes(`'${flows[i].name}'`), p.message);
        assert.match(p.message, /line \d+, column \d+/);
        assert.ok(!p.message.includes(secret) && !p.message.includes('Hunter'), p.message);
        assert.ok(p.range && p.range.start >= flows[i].range.start && p.range.end <= flows[i].range.end);
      }
      // The bad escape is located at its backslash.
      assert.equal(xml.slice(problems[0].range!.start, problems[0].range!.start + 2), '\\q');
    });

    it('reports a flow without <Definition>', () => {
      const xml = solutionXml(`<Workflow WorkflowId="{1}" Name="No def"><Category>6</Category></Workflow>`);
      const { flows, problems } = readCustomizations(xml);
      assert.equal(flows.length, 1);
      assert.equal(flows[0].definition, undefined);
      assert.match(problems[0].message, /'No def' has no <Definition>/);
    });

    it('accepts a self-closing <Definition/> as empty and reports it', () => {
      const xml = solutionXml(`<Workflow WorkflowId="{1}" Name="Self"><Category>6</Category><Definition/><Inputs/></Workflow>`);
      const { flows, problems } = readCustomizations(xml);
      assert.equal(flows.length, 1);
      assert.equal(flows[0].inputs, undefined);
      assert.match(problems[0].message, /'Self'.*empty/);
    });

    it('locates a password input with a non-empty default, through escapes', () => {
      const inputs =
        '      <Inputs>{"schema":{"required":[],"properties":{' +
        '"Plain":{"default":"x","format":null,"type":"string","value":null},' +
        '"Key":{"isOptional":false,"default":"p&amp;ss\\"w&lt;rd","description":"","format":"password","title":"Key","type":"string","value":"v"},' +
        '"Num":{"default":12,"format":"password"}' +
        '},"type":"object"}}</Inputs>\n      <Outputs>{"schema":null}</Outputs>\n';
      const xml = solutionXml(workflowXml('Inputs', '"SET a TO 1"', inputs));
      const { flows, problems } = readCustomizations(xml);
      assert.deepEqual(problems, []);
      const flow = flows[0];
      const key = flow.inputs!.properties.find((p) => p.name === 'Key')!;
      assert.equal(key.format, 'password');
      assert.equal(key.default, 'p&ss"w<rd');
      const r = locateInputDefault(flow, 'Key')!;
      assert.equal(xml.slice(r.start, r.end), 'p&amp;ss\\"w&lt;rd');
      assert.equal(xml.slice(key.defaultLiteralRange!.start, key.defaultLiteralRange!.end), '"p&amp;ss\\"w&lt;rd"');
      assert.equal(xml.slice(key.valueRange!.start, key.valueRange!.end), 'v');
      const num = flow.inputs!.properties.find((p) => p.name === 'Num')!;
      assert.equal(num.default, 12);
      assert.equal(xml.slice(num.defaultRange!.start, num.defaultRange!.end), '12');
      assert.deepEqual(flow.outputs!.properties, []);
      assert.deepEqual(flow.outputs!.json, { schema: null });
    });

    it('reports invalid JSON in <Inputs> with its position and no content', () => {
      const xml = solutionXml(workflowXml('Broken inputs', '"SET a TO 1"', '      <Inputs>{"schema":{"properties":{"K":{"default":"s3cr3t-value",}}}}</Inputs>\n'));
      const { flows, problems } = readCustomizations(xml);
      assert.equal(flows.length, 1);
      assert.ok(flows[0].definition);
      assert.equal(flows[0].inputs, undefined);
      assert.equal(problems.length, 1);
      assert.match(problems[0].message, /'Broken inputs': <Inputs> is not valid JSON at line \d+, column \d+/);
      assert.ok(!problems[0].message.includes('s3cr3t'));
      assert.equal(xml[problems[0].range!.start], '}');
    });
  });

  describe('on broken and hostile XML', () => {
    it('reports broken XML with line and column, keeping the flows before it', () => {
      const good = workflowXml('Before', '"SET a TO 1"');
      const xml = solutionXml(good, '    <Workflow Name="After"><Category>6</Category><Definition>"x"</Definitio></Workflow>');
      const { flows, problems } = readCustomizations(xml);
      assert.deepEqual(flows.map((f) => f.name), ['Before']);
      assert.equal(problems.length, 1);
      assert.match(problems[0].message, /^Broken XML at line 7, column 76: Unexpected close tag\. /);
      assert.ok(!problems[0].message.includes('\n'));
    });

    it('reports a truncated file', function () {
      const xml = readUtf8(CUSTOMIZATIONS.main);
      for (const cut of [0.1, 0.5, 0.9, 0.999]) {
        const truncated = xml.slice(0, Math.floor(xml.length * cut));
        const { flows, problems } = readCustomizations(truncated);
        assert.equal(problems.length, 1, `cut at ${cut}`);
        assert.match(problems[0].message, /Broken XML at line \d+, column \d+/);
        for (const f of flows) assert.ok(f.range.end <= truncated.length);
      }
      assert.match(readCustomizations('').problems[0].message, /not XML: it has no root element/);
      assert.match(readCustomizations('  \n').problems[0].message, /not XML/);
    });

    it('refuses a DOCTYPE with entity declarations (billion laughs) without expanding anything', () => {
      const laughs = (levels: number): string =>
        '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n' +
        Array.from({ length: levels }, (_, i) => ` <!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`).join('\n') +
        '\n]>\n' +
        solutionXml(workflowXml('Laughs', `"&lol${levels};"`));
      // 10^9 and 10^30 "lol"s: the same refusal, for a few characters read per character of the file.
      for (const levels of [9, 30]) {
        const lol = laughs(levels);
        const { result, work } = countStringWork(() => readCustomizations(lol));
        assert.deepEqual(result.flows, []);
        assert.equal(result.problems.length, 1);
        assert.match(result.problems[0].message, /DOCTYPE declaration at line 2, column 1 refused/);
        assert.equal(lol.slice(result.problems[0].range!.start, result.problems[0].range!.start + 9), '<!DOCTYPE');
        assert.ok(work < 10 * lol.length, `${work} units for ${lol.length} characters`);
      }
      // Reading stops at the DOCTYPE: broken XML where the entity would be used is never reached.
      const broken = laughs(9).replace('</Definition>', '</Definitio>');
      assert.deepEqual(readCustomizations(broken).problems.map((p) => p.message.slice(0, 30)), ['A DOCTYPE declaration at line ']);
      assert.match(readCustomizations(solutionXml(workflowXml('Laughs', '"x"')).replace('</Definition>', '</Definitio>')).problems[0].message, /Broken XML/);
    });

    it('refuses an external entity (XXE) DOCTYPE and a bare DOCTYPE', () => {
      for (const doctype of ['<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>', '<!DOCTYPE ImportExportXml>']) {
        const { flows, problems } = readCustomizations(doctype + solutionXml(workflowXml('X', '"&xxe;"')));
        assert.deepEqual(flows, []);
        assert.match(problems[0].message, /refused/);
      }
    });

    it('never expands an undeclared entity', () => {
      const { flows, problems } = readCustomizations(solutionXml(workflowXml('X', '"&xxe;"')));
      assert.deepEqual(flows, []);
      assert.match(problems[0].message, /Broken XML/);
    });

    it('does not throw on non-XML text', () => {
      for (const text of ['hello', '<<<', '{"json": true}', '<a>', '\u0000\u0001', '<ImportExportXml><Workflows><Workflow>']) {
        const { problems } = readCustomizations(text);
        assert.ok(problems.length >= 1, text);
      }
      assert.deepEqual(readCustomizations('<ImportExportXml/>'), { flows: [], problems: [] });
    });

    it('never throws and never quotes content on randomly damaged files', () => {
      const xml = readUtf8(path.join(FIXTURES, 'customizations.xml'));
      const next = rng(99);
      const inserts = ['<', '>', '&', '"', "'", '</', '/>', '<!--', ']]>', '<![CDATA[', '&#x0;', '&#xD800;', '\\', '\\u12', '<!DOCTYPE x>', '</Definition>', '<Definition>'];
      for (let i = 0; i < 1000; i++) {
        let damaged = xml;
        for (let k = 0; k < 1 + Math.floor(next() * 3); k++) {
          const at = Math.floor(next() * damaged.length);
          const r = next();
          if (r < 0.4) damaged = damaged.slice(0, at) + inserts[Math.floor(next() * inserts.length)] + damaged.slice(at);
          else if (r < 0.7) damaged = damaged.slice(0, at) + damaged.slice(at + 1 + Math.floor(next() * 20));
          else damaged = damaged.slice(0, at);
        }
        const { flows, problems } = readCustomizations(damaged);
        for (const p of problems) {
          assert.ok(!/P@ss|not-a-real-key/.test(p.message), p.message);
          if (p.range) assert.ok(p.range.start >= 0 && p.range.end <= damaged.length && p.range.start <= p.range.end);
        }
        for (const f of flows) {
          if (!f.definition) continue;
          assert.equal(f.definition.text, referenceDecode(damaged.slice(f.definition.range.start, f.definition.range.end)));
        }
      }
    });

    it('gives the same results as the full parser on randomly changed files, well-formed or not', () => {
      const xml = readUtf8(path.join(FIXTURES, 'customizations.xml'));
      const next = rng(7);
      // Changes that mostly keep the file well-formed, so that the scan reads many of them.
      const inserts = [
        ' ', '\n', '\t', 'x', '&amp;', '&lt;', '&gt;', '&quot;', '&apos;', '&#233;', '&#x1F600;', '&#xe9;', '&#0065;', '<!-- c -->', '<![CDATA[<&"x]]>',
        '<?pi x?>', '\\"', '\\n', '\\u00e9', '\\ud83d', '"', "'", '<', '>', '&', '&AMP;', '&#X41;', '&#xD800;', '&#0;', '<!DOCTYPE x>', '<!ENTITY e "x">', '<x/>',
        '<Category>6</Category>', '<Definition>"SET a TO 1"</Definition>', ' Name="dup"', ' a="&lt;b"', '</Workflow>', '<Workflow Name="N">', '<![cdata[x]]>', '<!--x--y-->', '< x/>',
      ];
      let scanned = 0;
      let withFlows = 0;
      for (let i = 0; i < 1500; i++) {
        let changed = xml;
        for (let k = 0; k < 1 + Math.floor(next() * 2); k++) {
          const at = Math.floor(next() * changed.length);
          const r = next();
          if (r < 0.85) changed = changed.slice(0, at) + inserts[Math.floor(next() * inserts.length)] + changed.slice(at);
          else if (r < 0.95) changed = changed.slice(0, at) + changed.slice(at + 1 + Math.floor(next() * 5));
          else changed = changed.slice(0, at);
        }
        if (scanWorkflows(changed)) scanned++;
        const fast = readCustomizations(changed);
        if (fast.flows.length > 0) withFlows++;
        assert.deepEqual(summary(fast), summary(readCustomizationsWithSax(changed)), `change ${i}`);
      }
      // Most changes keep the file readable by the scan; the rest went to sax.
      assert.ok(scanned > 400 && scanned < 1500, `${scanned} read by the scan`);
      assert.ok(withFlows > 500);
    });

    it('gives up the scan (and sax reports or refuses) on every form it does not read', () => {
      const good = solutionXml(workflowXml('A', '"SET a TO 1"'));
      assert.ok(scanWorkflows(good));
      assert.ok(scanWorkflows('\ufeff' + good));
      for (const bad of [
        '<!DOCTYPE x>' + good, good.replace('<Workflows>', '<Workflows><!ENTITY x "y">'), good.replace('"SET', '"&foo;SET'),
        good.replace('</Workflows>', '</Workflow>'), good.slice(0, -20), good + '<Second/>', 'text' + good, good + 'text',
        good.replace('<Type>', '< Type>'), good.replace('Name="A"', 'Name=A'), good.replace('Name="A"', 'Name'), good.replace('Name="A"', 'Name="A"Id="x"'),
        good.replace('<Type>', '<Type/ >'), good.replace('<Type>1', '<Type>1<!-- a -- b -->'), good.replace('<Type>', '<Typé>'), '<![CDATA[x]]>' + good,
      ]) {
        assert.equal(scanWorkflows(bad), undefined, bad.slice(0, 60));
        assert.deepEqual(summary(readCustomizations(bad)), summary(readCustomizationsWithSax(bad)));
      }
      // Duplicate attributes: the first wins, as in sax.
      const dup = solutionXml(workflowXml('First', '"SET a TO 1"').replace('Name="First"', 'Name="First" Name="Second"'));
      assert.deepEqual(readCustomizations(dup).flows.map((f) => f.name), ['First']);
      // Entities in the attributes are decoded; a Category written with a reference still counts.
      const refs = solutionXml(workflowXml('A &amp; B &#x263A;', '"SET a TO 1"').replace('<Category>6</Category>', '<Category> &#54;<!-- six --> </Category>'));
      assert.ok(scanWorkflows(refs));
      assert.deepEqual(readCustomizations(refs).flows.map((f) => f.name), ['A & B ☺']);
    });

    it('reads a large solution (hundreds of flows, megabytes) with linear work', () => {
      const body = "Display.ShowMessageDialog.ShowMessage Title: $'''a > b''' Message: $'''\"x\" & y''' Icon: Display.Icon.None\r\n".repeat(200);
      const encoded = JSON.stringify(body).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
      const one = solutionXml(...Array.from({ length: 50 }, (_, i) => workflowXml(`F${i}`, encoded)));
      const big = solutionXml(...Array.from({ length: 200 }, (_, i) => workflowXml(`F${i}`, encoded)));
      // Characters read, not milliseconds (the times are in `npm run bench`, bench/scaling.js).
      const small = countStringWork(() => readCustomizations(one));
      const large = countStringWork(() => readCustomizations(big));
      assert.equal(small.result.flows.length, 50);
      assert.equal(large.result.flows.length, 200);
      assert.ok(large.result.flows.every((f) => f.definition?.text === body));
      assert.ok(small.work >= one.length, `${small.work} units for ${one.length} characters: the count misses the reader`);
      // Four times the input: four times the work, not sixteen.
      assert.ok(large.work < small.work * 6, `${small.work} → ${large.work}`);
    });
  });
});

describe('solution fixtures', () => {
  it('reads test/fixtures/solution/customizations.xml', () => {
    const file = path.join(FIXTURES, 'customizations.xml');
    const xml = readUtf8(file);
    const { flows, problems } = readCustomizations(xml);
    assert.deepEqual(problems, []);
    assert.deepEqual(flows.map((f) => f.name), ['Fixture: Login', 'Fixture: Escapes']);
    const login = flows[0];
    const key = login.inputs!.properties.find((p) => p.format === 'password' && p.default !== '')!;
    assert.equal(key.name, 'Input_ApiKey');
    const r = locateInputDefault(login, 'Input_ApiKey')!;
    assert.equal(xml.slice(r.start, r.end), 'not-a-real-key-0000');
    const pw = login.definition!.text.indexOf("'''P@ss");
    assert.ok(pw > 0);
    assert.equal(xml.slice(login.definition!.toFileOffset(pw), login.definition!.toFileOffset(pw + 7)), "'''P@ss");
  });
});
