/**
 * The public corpus (/work/shared/corpus/public): every file linted, and the exact set of
 * findings, each reviewed by hand. Skipped when the corpus is not there.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { lintBytes, lintText } from '../../../src/core/lint';
import type { FileResult } from '../../../src/core/lint/types';
import { assertNoSecretInMessages, PUBLIC_CORPUS } from './helpers';

/** `path | rule | flow | the text of the range`, one per expected finding. */
const EXPECTED: readonly { key: string; why: string }[] = [
  {
    key: 'pad-labs/modules/08-excel-web-roundtrip/scripts/08-excel-web-roundtrip.robin | secret-typed-into-password-field |  | demo',
    why: "types the literal password 'demo' into appmask['Lab08 Login']['Txt_Password'] (pad-formats §5 #1)",
  },
  {
    key: 'pad-labs/modules/10-capstone-sales-ops/scripts/10-capstone-sales-ops.robin | secret-typed-into-password-field |  | demo',
    why: "types the literal password 'demo' into appmask['Lab10 Login']['Txt_Password'] (pad-formats §5 #2)",
  },
  // Reviewed and deliberately NOT expected:
  // - pad-framework: every credential argument is a variable (Input_SMTPObject['Password'],
  //   Input_ExchangeObject['Password']), connection strings come from inputs, and every
  //   @SENSITIVE / "format":"password" input has an empty default ('' / {{ }} / []) and a null value.
  // - pad-labs: the user name 'demo' typed into Txt_Username is not a secret; SendKeys texts are
  //   key chords or ordinary text; SearchKeyword is a search term; the trailers' base64
  //   screenshots are not scanned.
];

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...walk(p));
    else out.push(p);
  }
  return out.sort();
}

function isLintable(file: string): boolean {
  return /\.(?:txt|robin|zip)$/i.test(file) || path.basename(file).toLowerCase() === 'customizations.xml';
}

describe('lint: the public corpus', function () {
  before(function () {
  });

  let results: FileResult[] = [];
  let texts: Map<string, string>;

  it('lints every txt, robin, customizations.xml and zip without throwing', () => {
    texts = new Map();
    results = [];
    const files = walk(PUBLIC_CORPUS).filter(isLintable);
    assert.ok(files.length >= 60, `expected the corpus files, found ${files.length}`);
    for (const file of files) {
      const rel = path.relative(PUBLIC_CORPUS, file).split(path.sep).join('/');
      const bytes = fs.readFileSync(file);
      for (const r of lintBytes(rel, new Uint8Array(bytes))) {
        results.push(r);
        texts.set(r.path, r.text ?? bytes.toString('utf8'));
      }
    }
    // Both solution zips give their customizations.xml.
    assert.equal(results.filter((r) => /\.zip!\/customizations\.xml$/.test(r.path)).length, 2);
  });

  it('finds exactly the reviewed findings', () => {
    const got = results.flatMap((r) => r.findings.map((f) => {
      const text = texts.get(r.path) ?? '';
      return `${r.path} | ${f.ruleId} | ${f.flowName ?? ''} | ${text.slice(f.range.start, f.range.end)}`;
    })).sort();
    assert.deepEqual(got, EXPECTED.map((e) => e.key).sort());
  });

  it('the two demo passwords: error severity, exact range between the quotes, message without the value', () => {
    for (const r of results.filter((x) => x.findings.length > 0)) {
      const text = texts.get(r.path) ?? '';
      for (const f of r.findings) {
        assert.equal(f.severity, 'error');
        assert.equal(text.slice(f.range.start - 4, f.range.end + 3), "$'''demo'''");
        assert.ok(f.statementRange && text.slice(f.statementRange.start, f.statementRange.end).startsWith('WebAutomation.PopulateTextField.PopulateTextField'));
      }
      assertNoSecretInMessages(r, ['demo']);
    }
  });

  it('solution files decode every desktop flow (no problems from the solution reader)', () => {
    for (const r of results.filter((x) => /customizations\.xml$/.test(x.path))) {
      assert.deepEqual(r.problems.filter((p) => !/^Flow '/.test(p.message)), [], r.path);
    }
  });

  it('lintText gives the same findings as lintBytes for UTF-8 files', () => {
    for (const r of results.filter((x) => !x.path.includes('.zip!'))) {
      const text = texts.get(r.path) ?? '';
      const again = lintText(r.path, text);
      assert.deepEqual(again.findings, r.findings, r.path);
    }
  });
});
