/** Test helpers: files of the public corpus, XML builders. */
import * as fs from 'node:fs';
import * as path from 'node:path';

import { PUBLIC_CORPUS } from '../../support/paths';

export { PUBLIC_CORPUS };
export const PAD_FRAMEWORK = path.join(PUBLIC_CORPUS, 'pad-framework');

export const CUSTOMIZATIONS = {
  main: path.join(PAD_FRAMEWORK, 'src', 'solutions', 'main', 'customizations.xml'),
  localConnectors: path.join(PAD_FRAMEWORK, 'src', 'solutions', 'local-connectors-only', 'customizations.xml'),
};

export const ZIPS = {
  main: path.join(PAD_FRAMEWORK, 'solutions', 'PADFramework_1_1_12501_241.zip'),
  localConnectors: path.join(PAD_FRAMEWORK, 'solutions', 'PADFramework_LocalConnectors_1_1_12501_241.zip'),
};

/** The repository's own fixtures (test/fixtures/solution), found from the working directory. */
export const FIXTURES = path.resolve(process.cwd(), 'test', 'fixtures', 'solution');

export function readUtf8(file: string): string {
  return fs.readFileSync(file, 'utf8');
}

/** All files under `dir` whose name passes `keep`. */
export function walk(dir: string, keep: (name: string) => boolean): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...walk(p, keep));
    else if (keep(e.name)) out.push(p);
  }
  return out.sort();
}

export { rng } from '../../support/random';

/** The reference decoding of a `<Definition>` content: XML-unescape, then JSON.parse. */
export function referenceDecode(raw: string): string {
  // CDATA sections are taken as they are, comments dropped, entities decoded everywhere else.
  const parts = raw.split(/(<!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->)/);
  const unescaped = parts
    .map((part, i) => (i % 2 === 1 ? (part.startsWith('<!--') ? '' : part.slice(9, -3)) : unescapeXml(part)))
    .join('');
  return JSON.parse(unescaped) as string;
}

function unescapeXml(raw: string): string {
  return raw.replace(/&(lt|gt|amp|quot|apos|#x[0-9A-Fa-f]+|#[0-9]+);/g, (_m, name: string) => {
    switch (name) {
      case 'lt': return '<';
      case 'gt': return '>';
      case 'amp': return '&';
      case 'quot': return '"';
      case 'apos': return "'";
      default: return String.fromCodePoint(name[1] === 'x' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10));
    }
  });
}

/** A customizations.xml around the given `<Workflow>` elements. */
export function solutionXml(...workflows: string[]): string {
  return `<ImportExportXml xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n  <Workflows>\n${workflows.join('\n')}\n  </Workflows>\n</ImportExportXml>\n`;
}

/** A desktop-flow `<Workflow>` with `definitionContent` as the raw content of `<Definition>`. */
export function workflowXml(name: string, definitionContent: string, extra = '', category = 6): string {
  return (
    `    <Workflow WorkflowId="{00000000-0000-0000-0000-00000000000${category}}" Name="${name}">\n` +
    `      <Type>1</Type><Category>${category}</Category><UIFlowType>2</UIFlowType>\n${extra}` +
    `      <Definition>${definitionContent}</Definition>\n` +
    `    </Workflow>`
  );
}

