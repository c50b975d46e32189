/**
 * Older solution exports (PAD 2.35, schema `ROBIN_20211012`) keep a desktop flow's definition in
 * `Workflows/<Name>-<ID>.json` too: `properties.definition.package` is a base64 zip holding
 * `script.robin` (the Robin text), `controlRepo.appmask`, `imageRepo.imgrepo` and
 * `flow.manifest`. Newer exports leave `package` empty (a small stub) and keep the script only
 * in customizations.xml. The zip is read with the same guarded reader, and the same limits, as
 * solution zips.
 */
import type { Range } from '../robin/ast';
import type { FileProblem } from '../lint/types';
import { JsonError, member, parseJsonWithRanges, type JsonNode } from './json';
import { decodeText } from './text';
import { readZip, type ZipLimits } from './zip';

/** The zip entry of a package that holds the flow's Robin text. */
export const PACKAGE_SCRIPT = 'script.robin';

/** Why a finding inside a package has no quick fix (said in the editor, next to each finding). */
export const PACKED_NOT_EDITABLE =
  'The definition is packed inside a base64 zip in this JSON file and cannot be edited in place; fix it in Power Automate or in customizations.xml.';

export interface WorkflowPackage {
  /** The text of `script.robin`; undefined when it could not be read (the problems say why). */
  readonly script?: string;
  /** The `package` string value, quotes included, in offsets of the JSON text. */
  readonly range: Range;
  /** Problems of the package (not base64, not a zip, refused entries, no script); placed at `range`. */
  readonly problems: FileProblem[];
}

/** True for `…/Workflows/<name>.json` (also inside a zip: `a.zip!/Workflows/x.json`). */
export function isWorkflowJsonPath(path: string): boolean {
  const parts = path.split(/[\\/]/);
  const name = (parts[parts.length - 1] ?? '').toLowerCase();
  const folder = (parts[parts.length - 2] ?? '').toLowerCase();
  return folder === 'workflows' && name.endsWith('.json');
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * The package of a Workflows JSON, unpacked. Undefined when there is none to read: no
 * `"package"` key, an empty one (the modern stub), or a file that is not JSON at all; such files
 * are left alone quietly. Never throws on bad input.
 */
export function readWorkflowPackage(text: string, limits?: Partial<ZipLimits>): WorkflowPackage | undefined {
  // Cloud flows and stubs: most Workflows files have no package to read.
  if (text.indexOf('"package"') < 0) return undefined;
  let root: JsonNode;
  try {
    root = parseJsonWithRanges(text.charCodeAt(0) === 0xfeff ? ' ' + text.slice(1) : text);
  } catch (e) {
    if (e instanceof JsonError) return undefined;
    throw e;
  }
  const node = member(member(member(root, 'properties'), 'definition'), 'package');
  if (!node || node.kind !== 'string' || node.value.trim() === '') return undefined;
  const range = node.range;
  const fail = (message: string): WorkflowPackage => ({ range, problems: [{ message, range }] });

  const b64 = node.value.replace(/\s+/g, '');
  if (b64.length % 4 === 1 || !BASE64.test(b64)) return fail('The definition package is not base64 text; it was not checked.');
  const bytes = fromBase64(b64);
  const zip = readZip(bytes, { ...limits, select: (p) => p.toLowerCase() === PACKAGE_SCRIPT });
  const problems: FileProblem[] = zip.problems.map((p) => ({ message: `Definition package: ${p.message}`, range }));
  const entry = zip.entries[0];
  if (!entry) {
    if (problems.length === 0) problems.push({ message: `The definition package holds no ${PACKAGE_SCRIPT}; it was not checked.`, range });
    return { range, problems };
  }
  const decoded = decodeText(entry.bytes);
  if ('binary' in decoded) {
    problems.push({ message: `The ${PACKAGE_SCRIPT} of the definition package was not checked: ${decoded.reason}.`, range });
    return { range, problems };
  }
  return { script: decoded.text, range, problems };
}

function fromBase64(b64: string): Uint8Array {
  if (typeof Buffer === 'function') return Buffer.from(b64, 'base64');
  const binary = atob(b64);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}
