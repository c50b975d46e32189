/**
 * Reading the desktop flows of a solution's `customizations.xml`.
 *
 * The structure normally comes from one linear scan (`xmlScan.ts`) that reads only the plain,
 * well-formed XML that Dataverse exports. Whenever that scan gives up (broken or truncated XML, a
 * DTD or any `<!` declaration, an unknown entity, unusual markup), the file is read again with
 * sax (strict mode, with positions), which reports the problem with its line and column, refuses
 * DTDs before any entity could be used, and keeps the flows read before a fatal error. Either way
 * the content of each element of interest is decoded here from the raw text so that every offset
 * maps exactly back to the file. No entity beyond the five of XML is ever expanded.
 */
import type * as Sax from 'sax';
import type { Range } from '../robin/ast';
import type { FileProblem } from '../lint/types';
import { DefinitionError, decodeDefinition } from './definition';
import { JsonError, type JsonNode, member, parseJsonWithRanges, toValue } from './json';
import { LineIndex } from '../robin/lineIndex';
import type { OffsetMap } from './offsetMap';
import type { EmbeddedDefinition, FlowParameter, FlowParameters, SolutionFlow } from './types';
import { XmlTextError, decodeXmlText } from './xmlText';
import { type ScannedChild, type ScannedWorkflow, decodeReferences, scanWorkflows } from './xmlScan';

/** Workflow category of desktop flows (cloud flows are 5). */
export const DESKTOP_FLOW_CATEGORY = '6';

const CAPTURED = new Set(['Category', 'Definition', 'Inputs', 'Outputs']);

interface ChildElement {
  readonly contentStart: number;
  contentEnd: number;
  text: string[] | undefined;
}

interface OpenWorkflow {
  readonly depth: number;
  readonly start: number;
  readonly attributes: Record<string, string>;
  readonly children: Map<string, ChildElement>;
  current: { name: string; element: ChildElement } | undefined;
}

class StopParsing extends Error {}

export interface CustomizationsResult {
  readonly flows: SolutionFlow[];
  readonly problems: FileProblem[];
}

/**
 * Finds the desktop flows (`<Workflow>` with `<Category>6</Category>`) of a `customizations.xml`
 * and decodes their definitions, inputs and outputs. Never throws on bad input: broken XML,
 * DTDs and undecodable definitions become problems (with line and column, never with content).
 * Flows completed before a fatal XML error are still returned.
 */
export function readCustomizations(xml: string): CustomizationsResult {
  const scanned = scanWorkflows(xml);
  if (scanned) {
    const result = readScanned(xml, scanned);
    if (result) return result;
  }
  return readCustomizationsWithSax(xml);
}

/** The flows of a file the scan accepted; undefined when a `<Category>` holds markup (use sax). */
function readScanned(xml: string, scanned: readonly ScannedWorkflow[]): CustomizationsResult | undefined {
  const flows: SolutionFlow[] = [];
  const problems: FileProblem[] = [];
  const lines = new LineIndex(xml);
  for (const wf of scanned) {
    if (!wf.category) continue;
    const category = contentText(xml, wf.category);
    if (category === undefined) return undefined;
    if (category.trim() !== DESKTOP_FLOW_CATEGORY) continue;
    flows.push(finishWorkflow(xml, {
      name: wf.name ?? '',
      workflowId: wf.workflowId ?? '',
      range: { start: wf.start, end: wf.end },
      definition: wf.definition,
      inputs: wf.inputs,
      outputs: wf.outputs,
    }, problems, lines));
  }
  return { flows, problems };
}

/** The character data of an element the scan accepted, as sax gives it; undefined when it holds elements. */
function contentText(xml: string, el: ScannedChild): string | undefined {
  const lt = xml.indexOf('<', el.contentStart);
  if (lt < 0 || lt >= el.contentEnd) return decodeReferences(xml.slice(el.contentStart, el.contentEnd));
  try {
    return decodeXmlText(xml, el.contentStart, el.contentEnd).text;
  } catch (e) {
    if (e instanceof XmlTextError) return undefined;
    throw e;
  }
}

/**
 * The full reader (sax), used when the scan gives up: it reports broken XML with line and column
 * and refuses DTDs. Its results are the same as the scan's on any file both read.
 * @internal Exported for tests.
 */
export function readCustomizationsWithSax(xml: string): CustomizationsResult {
  const flows: SolutionFlow[] = [];
  const problems: FileProblem[] = [];
  const lines = new LineIndex(xml);
  // Loaded only when needed: well-formed files never reach here.
  const sax = require('sax') as typeof Sax;
  const parser = sax.parser(true, { position: true, trim: false, normalize: false, xmlns: false });
  const stack: string[] = [];
  let workflow: OpenWorkflow | undefined;
  let sawRoot = false;

  const refuseDeclaration = (what: string, keyword: RegExp): never => {
    // sax reports the declaration once it has read all of it: find where it starts.
    const before = xml.slice(0, Math.min(parser.position, xml.length));
    const found = before.search(keyword);
    const start = found >= 0 ? found : Math.max(0, before.lastIndexOf('<!'));
    problems.push({
      message: `${what} at ${lines.describe(start)} refused: customizations.xml must not declare a DTD or entities (they are never expanded). The file was not read.`,
      range: { start, end: Math.max(start, Math.min(parser.position, xml.length)) },
    });
    flows.length = 0;
    throw new StopParsing();
  };

  parser.onerror = (err: Error) => {
    const offset = Math.min(Math.max(0, parser.position - 1), xml.length);
    // sax's reason, without what follows a colon (it can quote a tag name from the file).
    const reason = String(err.message).split('\n')[0].split(':')[0].slice(0, 200);
    problems.push({
      message: `Broken XML at ${lines.describe(offset)}: ${reason}. Desktop flows after this point were not read.`,
      range: { start: offset, end: Math.min(offset + 1, xml.length) },
    });
    throw new StopParsing();
  };
  parser.ondoctype = () => refuseDeclaration('A DOCTYPE declaration', /<!DOCTYPE/i);
  parser.onsgmldeclaration = () => refuseDeclaration('A markup declaration', /<!(?!--|\[CDATA\[|DOCTYPE)/i);

  parser.onopentag = (tag) => {
    const attributes = tag.attributes as Record<string, string>;
    stack.push(tag.name);
    sawRoot = true;
    const depth = stack.length;
    if (!workflow) {
      if (tag.name === 'Workflow' && stack[depth - 2] === 'Workflows') {
        workflow = { depth, start: parser.startTagPosition - 1, attributes, children: new Map(), current: undefined };
      }
      return;
    }
    if (depth === workflow.depth + 1) {
      const element: ChildElement = {
        contentStart: parser.position,
        contentEnd: parser.position,
        text: CAPTURED.has(tag.name) ? [] : undefined,
      };
      workflow.current = { name: tag.name, element };
      // The first of several same-named children wins, as for the Category check.
      if (!workflow.children.has(tag.name)) workflow.children.set(tag.name, element);
    }
  };

  parser.ontext = (t: string) => {
    if (workflow?.current?.element.text && stack.length >= workflow.depth + 1) workflow.current.element.text.push(t);
  };
  parser.oncdata = parser.ontext;

  parser.onclosetag = () => {
    const depth = stack.length;
    stack.pop();
    if (!workflow) return;
    if (depth === workflow.depth + 1 && workflow.current) {
      const el = workflow.current.element;
      // For `<X/>` the content is empty; otherwise it ends where `</X` starts.
      el.contentEnd = parser.tag && parser.tag.isSelfClosing ? el.contentStart : parser.startTagPosition - 1;
      workflow.current = undefined;
    } else if (depth === workflow.depth) {
      const open = workflow;
      workflow = undefined;
      const category = open.children.get('Category');
      if (category && (category.text ?? []).join('').trim() === DESKTOP_FLOW_CATEGORY) {
        flows.push(finishWorkflow(xml, {
          name: open.attributes['Name'] ?? '',
          workflowId: open.attributes['WorkflowId'] ?? '',
          range: { start: open.start, end: parser.position },
          definition: open.children.get('Definition'),
          inputs: open.children.get('Inputs'),
          outputs: open.children.get('Outputs'),
        }, problems, lines));
      }
    }
  };

  try {
    parser.write(xml).close();
  } catch (e) {
    if (!(e instanceof StopParsing)) throw e;
  }
  if (!sawRoot && problems.length === 0) problems.push({ message: 'The file is not XML: it has no root element.' });
  return { flows, problems };
}

/** A desktop flow's parts. `text` of a child, when present, is the parser's character data (a cross-check). */
interface WorkflowParts {
  readonly name: string;
  readonly workflowId: string;
  readonly range: Range;
  readonly definition: ContentRange | undefined;
  readonly inputs: ContentRange | undefined;
  readonly outputs: ContentRange | undefined;
}

interface ContentRange {
  readonly contentStart: number;
  readonly contentEnd: number;
  readonly text?: string[];
}

function finishWorkflow(xml: string, wf: WorkflowParts, problems: FileProblem[], lines: LineIndex): SolutionFlow {
  const { name, workflowId, range } = wf;
  const label = `Desktop flow '${name || workflowId || 'unnamed'}'`;

  let definition: EmbeddedDefinition | undefined;
  const def = wf.definition;
  if (!def) {
    problems.push({ message: `${label} has no <Definition>; it was not checked.`, range: { start: range.start, end: range.start + 9 } });
  } else {
    try {
      const decoded = decodeDefinition(xml, def.contentStart, def.contentEnd);
      if (!def.text || sameAsReference(decoded.text, def.text.join(''))) definition = decoded;
      else problems.push({
        message: `${label}: its <Definition> decoded differently by two methods; it was not checked.`,
        range: { start: def.contentStart, end: def.contentEnd },
      });
    } catch (e) {
      if (!(e instanceof DefinitionError)) throw e;
      const at = Math.min(Math.max(e.offset, def.contentStart), def.contentEnd);
      problems.push({
        message: `${label}: ${e.message} at ${lines.describe(at)}; it was not checked.`,
        range: { start: at, end: Math.min(at + 1, def.contentEnd) },
      });
    }
  }

  return {
    name,
    workflowId,
    range,
    definition,
    inputs: readParameters(xml, wf.inputs, '<Inputs>', label, problems, lines),
    outputs: readParameters(xml, wf.outputs, '<Outputs>', label, problems, lines),
  };
}

/** The reference decoding: the parser's character data, then `JSON.parse`. */
function sameAsReference(decoded: string, characterData: string): boolean {
  try {
    return JSON.parse(characterData) === decoded;
  } catch {
    return false;
  }
}

function readParameters(
  xml: string,
  el: ContentRange | undefined,
  what: string,
  label: string,
  problems: FileProblem[],
  lines: LineIndex,
): FlowParameters | undefined {
  if (!el) return undefined;
  const range = { start: el.contentStart, end: el.contentEnd };
  let text: string;
  let map: OffsetMap;
  try {
    ({ text, map } = decodeXmlText(xml, el.contentStart, el.contentEnd));
  } catch (e) {
    if (!(e instanceof XmlTextError)) throw e;
    problems.push({ message: `${label}: ${what} could not be read (${e.message}) at ${lines.describe(e.offset)}.`, range: { start: e.offset, end: e.offset + 1 } });
    return undefined;
  }
  if (text.trim() === '') return undefined;
  if (el.text && text !== el.text.join('')) {
    problems.push({ message: `${label}: ${what} decoded differently by two methods; it was not checked.`, range });
    return undefined;
  }
  let root: JsonNode;
  try {
    // As strict as JSON.parse: whatever it reads, JSON.parse reads too.
    root = parseJsonWithRanges(text);
  } catch (e) {
    const offset = e instanceof JsonError ? map.toFileOffset(e.offset) : el.contentStart;
    problems.push({ message: `${label}: ${what} is not valid JSON at ${lines.describe(offset)}.`, range: { start: offset, end: Math.min(offset + 1, el.contentEnd) } });
    return undefined;
  }
  const fileRange = (r: Range): Range => ({ start: map.toFileOffset(r.start), end: map.toFileOffset(r.end) });
  const inner = (r: Range): Range => fileRange({ start: r.start + 1, end: r.end - 1 });
  const properties: FlowParameter[] = [];
  const props = member(member(root, 'schema'), 'properties');
  if (props?.kind === 'object') {
    for (const entry of props.entries) {
      const p = entry.value;
      if (p.kind !== 'object') continue;
      const param: { -readonly [K in keyof FlowParameter]: FlowParameter[K] } = {
        name: entry.key,
        nameRange: inner(entry.keyRange),
        range: fileRange(p.range),
      };
      const format = member(p, 'format');
      if (format?.kind === 'string' || format?.kind === 'null') param.format = format.value;
      const type = member(p, 'type');
      if (type?.kind === 'string') param.type = type.value;
      const optional = member(p, 'isOptional');
      if (optional?.kind === 'boolean') param.isOptional = optional.value;
      const dflt = member(p, 'default');
      if (dflt) {
        param.default = toValue(dflt);
        param.defaultRange = dflt.kind === 'string' ? inner(dflt.range) : fileRange(dflt.range);
        param.defaultLiteralRange = fileRange(dflt.range);
      }
      const value = member(p, 'value');
      if (value) {
        param.value = toValue(value);
        param.valueRange = value.kind === 'string' ? inner(value.range) : fileRange(value.range);
        param.valueLiteralRange = fileRange(value.range);
      }
      properties.push(param);
    }
  }
  let json: unknown;
  let parsed = false;
  return {
    /** Parsed on first use (rules read `properties` only). */
    get json(): unknown {
      if (!parsed) {
        json = JSON.parse(text);
        parsed = true;
      }
      return json;
    },
    range,
    properties,
  };
}

/**
 * The file range of the default value of a flow input: for a string, its content between the
 * quotes (empty for `""`). Undefined when there is no such input or it has no `default`.
 */
export function locateInputDefault(flow: SolutionFlow, inputName: string): Range | undefined {
  return flow.inputs?.properties.find((p) => p.name === inputName)?.defaultRange;
}

/** Like `locateInputDefault`, for the `value` of an input. */
export function locateInputValue(flow: SolutionFlow, inputName: string): Range | undefined {
  return flow.inputs?.properties.find((p) => p.name === inputName)?.valueRange;
}
