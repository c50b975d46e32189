/**
 * "Used by": the credentials a Robin definition reads with Get credential, with where each is
 * named. Read with the core parser, for plain Robin text, for the desktop flows inside a
 * `customizations.xml` (ranges in file offsets), and for a stored definition (Dataverse
 * `workflow.clientdata`, the same JSON as a solution's `Workflows/*.json`, holding the script in
 * its definition package, or as the definition itself).
 *
 * A Get credential action is the template's action (`flowVault.getCredential.template`, default
 * `PowerAutomateSecretVariables.GetCredential`) or PAD's own id, with any selector, enabled or
 * disabled, standing alone or as the condition of a control statement. The credential is the
 * template's name argument (default `Credential`), written `'x'`, `'''x'''` or `$'''x'''`; an
 * expression or an interpolated name is reported as dynamic, without a name.
 */
import type { ActionStatement, Range, Script, Statement } from '../robin/ast';
import { parse, stringLiteralText } from '../robin';
import { DEFAULT_GET_CREDENTIAL_TEMPLATE } from '../fix/template';
import { templateSignature } from '../fix/getCredential';
import { detectFormat, looksLikeRobin } from '../solution/detect';
import { readCustomizations } from '../solution/customizations';
import { readWorkflowPackage } from '../solution/workflowPackage';
import { decodeText } from '../solution/text';
import { readZip } from '../solution/zip';
import { joinEntryPath } from '../lint/entryPath';

/** PAD's module and action of Get credential (pad-formats.md §3.1). */
const GET_CREDENTIAL = { module: 'powerautomatesecretvariables', action: 'getcredential', argument: 'credential' } as const;

export interface CredentialUse {
  /** The credential's name as written (decoded); undefined when it is computed (see `expression`). */
  readonly name?: string;
  /** The name's text as written when it is not a fixed string (a variable, `%…%`). */
  readonly expression?: string;
  /** The name's value (the whole string literal), in offsets of the text given. */
  readonly range: Range;
  /** The whole Get credential statement. */
  readonly statementRange: Range;
  /** The variable the action assigns (`Credential=> x`). */
  readonly variable?: string;
  /** `DISABLE`d actions are reported too, marked. */
  readonly disabled: boolean;
  /** The subflow (`FUNCTION`) it sits in; undefined at top level. */
  readonly subflow?: string;
}

export interface UsedByOptions {
  /** The Get credential template in use (default: the documented default). */
  readonly template?: string;
}

/** Get credential actions by lower-case module and action, each with its name argument. */
type Matcher = readonly (readonly [module: string, action: string, argument: string])[];

const matchers = new Map<string, Matcher>();

function matcherFor(template: string | undefined): Matcher {
  const key = template ?? DEFAULT_GET_CREDENTIAL_TEMPLATE;
  let m = matchers.get(key);
  if (m) return m;
  const ids: [string, string, string][] = [[GET_CREDENTIAL.module, GET_CREDENTIAL.action, GET_CREDENTIAL.argument]];
  const sig = templateSignature(key);
  if (typeof sig !== 'string' && sig.credentialArgument) {
    const [module, action] = sig.actionId.toLowerCase().split('.');
    const argument = sig.credentialArgument.toLowerCase();
    if (module && action) {
      const same = ids.findIndex(([mod, act]) => mod === module && act === action);
      if (same >= 0) ids[same] = [module, action, argument];
      else ids.push([module, action, argument]);
    }
  }
  m = ids;
  if (matchers.size > 16) matchers.clear();
  matchers.set(key, m);
  return m;
}

/** The Get credential actions of Robin text (or of a script already parsed from `text`). */
export function credentialUses(text: string, options: UsedByOptions = {}, script: Script = parse(text)): CredentialUse[] {
  const matcher = matcherFor(options.template);
  const out: CredentialUse[] = [];
  for (const s of script.statements) {
    const action = actionOf(s);
    const argument = action && argumentOf(action, matcher);
    if (!action || !argument) continue;
    const use = useOf(s, action, argument, text);
    if (use) out.push(use);
  }
  return out;
}

function actionOf(s: Statement): ActionStatement | undefined {
  if (s.kind === 'action') return s;
  if (s.kind === 'control' && s.condition?.kind === 'action') return s.condition;
  return undefined;
}

/** The name argument if the action is a Get credential action, else undefined. */
function argumentOf(a: ActionStatement, m: Matcher): string | undefined {
  const module = a.module.toLowerCase();
  const action = a.action.toLowerCase();
  return m.find(([mod, act]) => mod === module && act === action)?.[2];
}

function useOf(s: Statement, a: ActionStatement, argument: string, text: string): CredentialUse | undefined {
  const arg = a.args.find((x) => x.direction === 'in' && x.name.toLowerCase() === argument);
  if (!arg?.value) return undefined;
  const out = a.args.find((x) => x.direction === 'out');
  const base = {
    range: arg.value.range,
    statementRange: s.range,
    variable: out?.variable,
    disabled: a.disabled || ('disabled' in s && s.disabled === true),
    subflow: s.functionName,
  };
  if (arg.value.kind === 'string') {
    const lit = stringLiteralText(arg.value);
    if (lit.literal) return { name: lit.text, ...base };
    return { expression: lit.text, ...base };
  }
  return { expression: text.slice(arg.value.range.start, arg.value.range.end), ...base };
}

/** Whether a use names this credential (Dataverse compares names without regard to case). */
export function usesCredential(use: Pick<CredentialUse, 'name'>, credentialName: string): boolean {
  return use.name !== undefined && use.name.trim().toLowerCase() === credentialName.trim().toLowerCase();
}

/** The distinct credential names a list of uses names, in first-seen order. */
export function credentialNames(uses: readonly CredentialUse[]): string[] {
  const seen = new Map<string, string>();
  for (const u of uses) if (u.name !== undefined && !seen.has(u.name.toLowerCase())) seen.set(u.name.toLowerCase(), u.name);
  return [...seen.values()];
}

export interface FileCredentialUses {
  /** For a solution zip: the entry, `/`-separated (ranges are in the entry's text). */
  readonly entry?: string;
  /** The desktop flow inside a solution, by name; undefined for a Robin file. */
  readonly flowName?: string;
  /** Ranges in offsets of the file's text (for a packed definition: the package string). */
  readonly uses: readonly CredentialUse[];
}

/**
 * The Get credential uses of a workspace file, by format: Robin text, `customizations.xml` (one
 * entry per desktop flow with uses) or a `Workflows/*.json` with a definition package. Other
 * files give none. Never throws on bad input.
 */
export function credentialUsesInFile(path: string, text: string, options: UsedByOptions = {}): FileCredentialUses[] {
  switch (detectFormat(path, text)) {
    case 'robin': {
      const uses = credentialUses(text, options);
      return uses.length ? [{ uses }] : [];
    }
    case 'solution-xml': {
      const out: FileCredentialUses[] = [];
      for (const flow of readCustomizations(text).flows) {
        const def = flow.definition;
        if (!def) continue;
        const uses = credentialUses(def.text, options).map((u) => ({
          ...u,
          range: mapRange(u.range, (o) => def.toFileOffset(o)),
          statementRange: mapRange(u.statementRange, (o) => def.toFileOffset(o)),
        }));
        if (uses.length) out.push({ flowName: flow.name, uses });
      }
      return out;
    }
    case 'workflow-json': {
      const pkg = readWorkflowPackage(text);
      if (!pkg?.script) return [];
      const uses = credentialUses(pkg.script, options).map((u) => ({ ...u, range: pkg.range, statementRange: pkg.range }));
      return uses.length ? [{ uses }] : [];
    }
    default:
      return [];
  }
}

/** Entries of a solution zip that may hold definitions. */
const DEFINITION_ENTRY = /(?:^|\/)customizations\.xml$|(?:^|\/)workflows\/[^/]+\.json$|\.(?:robin|powerautomate|flow|pad)$/i;

/**
 * The Get credential uses of a file's bytes: decoded as text (UTF-8 or UTF-16), or for a
 * solution zip, read within the zip reader's limits, entry by entry. Binary and unreadable
 * files give none. Never throws on bad input.
 */
export function credentialUsesInBytes(path: string, bytes: Uint8Array, options: UsedByOptions = {}): FileCredentialUses[] {
  if (bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 3 || bytes[2] === 5)) {
    let zip: ReturnType<typeof readZip>;
    try {
      zip = readZip(bytes, { select: (p) => DEFINITION_ENTRY.test(p) });
    } catch {
      return [];
    }
    const out: FileCredentialUses[] = [];
    for (const entry of zip.entries) {
      const text = textOf(entry.bytes);
      if (text === undefined) continue;
      for (const f of credentialUsesInFile(joinEntryPath(path, entry.path), text, options)) out.push({ ...f, entry: entry.path });
    }
    return out;
  }
  const text = textOf(bytes);
  return text === undefined ? [] : credentialUsesInFile(path, text, options);
}

function textOf(bytes: Uint8Array): string | undefined {
  try {
    const decoded = decodeText(bytes);
    return 'binary' in decoded ? undefined : decoded.text;
  } catch {
    return undefined;
  }
}

function mapRange(r: Range, map: (o: number) => number): Range {
  return { start: map(r.start), end: map(r.end) };
}

export type StoredDefinitionUses =
  | { readonly ok: true; readonly uses: readonly CredentialUse[]; /** The Robin text the ranges refer to. */ readonly script: string }
  | { readonly ok: false; /** Why the definition was not read (never its content). */ readonly problem: string };

/**
 * The Get credential uses of a desktop flow stored in Dataverse (`workflow.clientdata`): JSON
 * whose `properties.definition.package` is a base64 zip holding `script.robin` (what the service
 * documents and older solution exports store), or whose `properties.definition` is the script
 * itself; Robin text stored as is is read too.
 */
export function credentialUsesInClientData(clientData: string | undefined, options: UsedByOptions = {}): StoredDefinitionUses {
  const text = clientData ?? '';
  if (text.trim() === '') return { ok: false, problem: 'The flow has no stored definition.' };
  const pkg = readWorkflowPackage(text);
  if (pkg) {
    if (pkg.script === undefined) return { ok: false, problem: pkg.problems[0]?.message ?? 'The definition package could not be read.' };
    return { ok: true, uses: credentialUses(pkg.script, options), script: pkg.script };
  }
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{')) {
    const script = definitionString(text);
    if (script !== undefined) return { ok: true, uses: credentialUses(script, options), script };
  } else if (!trimmed.startsWith('[') && looksLikeRobin(text)) {
    return { ok: true, uses: credentialUses(text, options), script: text };
  }
  return { ok: false, problem: 'The stored definition holds no script package that Flow Vault can read.' };
}

/** `properties.definition` when it is a string (the script itself); undefined otherwise or for text that is not JSON. */
function definitionString(json: string): string | undefined {
  let root: unknown;
  try {
    root = JSON.parse(json);
  } catch {
    return undefined;
  }
  const properties = root && typeof root === 'object' ? (root as { properties?: unknown }).properties : undefined;
  const definition = properties && typeof properties === 'object' ? (properties as { definition?: unknown }).definition : undefined;
  return typeof definition === 'string' ? definition : undefined;
}
