/**
 * The lint engine: picks the format, parses, runs the enabled rules, de-duplicates, applies
 * inline suppressions, maps ranges to file offsets and fingerprints the findings.
 *
 * Pure: text or bytes in, results out. Never throws on bad input: parse errors, broken XML,
 * refused zip entries and even a failing rule become `problems`, and one broken flow does not
 * hide the findings of the others.
 */
import type { Range, Script, StringLiteral } from '../robin/ast';
import { parse } from '../robin';
import {
  decodeText, detectFormat, readCustomizations, readZip, type SolutionFlow,
} from '../solution';
import { defaultConfig, isPathIgnored, normalizePath, type ResolvedConfig } from './config';
import { fingerprintOf, occurrenceKey } from './fingerprint';
import { collectLiterals, FlatCache, type FlatLiteral, type LiteralRef } from './literals';
import { createNameClassifier, type NameClassifier } from './names';
import type { FlowInputsContext, LintRule, ReportDescriptor, RuleContext } from './rule';
import { rules as registry } from './rules';
import { collectSuppressions } from './suppressions';
import type { FileProblem, FileResult, Finding, RobinUnit, Severity } from './types';

export interface LintOptions {
  /** Rule settings and extra secret words; `defaultConfig` when absent. */
  readonly config?: ResolvedConfig;
  /** The rules to run instead of the registry (tests, custom hosts). */
  readonly rules?: readonly LintRule[];
}

/** A finding before fingerprinting, in file offsets. */
interface PendingFinding extends Omit<Finding, 'fingerprint'> {
  readonly subflow?: string;
}

interface UnitOutcome {
  readonly findings: PendingFinding[];
  readonly problems: FileProblem[];
  suppressed: number;
}

interface Prepared {
  readonly config: ResolvedConfig;
  readonly rules: readonly { rule: LintRule; severity: Severity }[];
  readonly names: NameClassifier;
  readonly ruleIds: readonly string[];
}

const classifierCache = new Map<string, NameClassifier>();

function prepare(options: LintOptions | undefined): Prepared {
  const config = options?.config ?? defaultConfig;
  const all = options?.rules ?? registry;
  const enabled: { rule: LintRule; severity: Severity }[] = [];
  for (const rule of all) {
    const setting = config.rules[rule.id] ?? rule.defaultSeverity;
    if (setting === 'off') continue;
    enabled.push({ rule, severity: setting });
  }
  const key = config.secretWords.join('\u0000');
  let names = classifierCache.get(key);
  if (!names) {
    names = createNameClassifier(config.secretWords);
    if (classifierCache.size > 20) classifierCache.clear();
    classifierCache.set(key, names);
  }
  return { config, rules: enabled, names, ruleIds: all.map((r) => r.id) };
}

// ---------------------------------------------------------------------------------------------
// Public entry points

/**
 * Lints one piece of Robin that the caller already parsed (the editor: an open document, or one
 * flow of a solution). Ranges are mapped with `unit.toFileOffset`.
 */
export function lintScript(unit: RobinUnit, options?: LintOptions & { readonly path?: string }): FileResult {
  const prepared = prepare(options);
  const outcome = lintUnit(unit, prepared);
  return finish(options?.path ?? '', [outcome], []);
}

/**
 * Lints a file's text: a Robin script (`.robin`, `.txt`, `.powerautomate`) or a solution's
 * `customizations.xml` (each desktop flow's definition, plus its `<Inputs>` defaults). Other
 * files give an empty result.
 */
export function lintText(path: string, text: string, options?: LintOptions): FileResult {
  const prepared = prepare(options);
  let format: ReturnType<typeof detectFormat>;
  try {
    format = detectFormat(path, text);
  } catch {
    return { path, findings: [], problems: [{ message: 'The file format could not be determined.' }], suppressed: 0 };
  }
  if (format === 'robin') {
    const outcome = lintRobinText(text, prepared, undefined, (o) => o);
    return finish(path, [outcome], []);
  }
  if (format === 'solution-xml') return lintSolutionXml(path, text, prepared);
  return { path, findings: [], problems: [], suppressed: 0 };
}

const ZIP_MAGIC = [0x50, 0x4b];
const LINTABLE_ENTRY = /(?:^|\/)customizations\.xml$|\.(?:robin|powerautomate|txt|xml)$/i;

/**
 * Lints a file's bytes: decodes the text (binary files give a problem and no findings); a zip
 * (solution export) gives one result per relevant entry, at `archive.zip!/inner/path`, with
 * `text` set to the entry's decoded text.
 */
export function lintBytes(path: string, bytes: Uint8Array, options?: LintOptions): FileResult[] {
  if (isZip(path, bytes)) return lintZip(path, bytes, options);
  let decoded: ReturnType<typeof decodeText>;
  try {
    decoded = decodeText(bytes);
  } catch {
    return [{ path, findings: [], problems: [{ message: 'The file could not be decoded as text.' }], suppressed: 0 }];
  }
  if ('binary' in decoded) {
    return [{ path, findings: [], problems: [{ message: `Not linted: ${decoded.reason}.` }], suppressed: 0 }];
  }
  const result = lintText(path, decoded.text, options);
  const problems = decoded.lossy
    ? [...result.problems, { message: `Some bytes are not valid ${decoded.encoding === 'utf8' ? 'UTF-8' : 'UTF-16'} and were read as U+FFFD.` }]
    : result.problems;
  const withText = decoded.encoding !== 'utf8' ? { text: decoded.text } : {};
  return [{ ...result, problems, ...withText }];
}

function isZip(path: string, bytes: Uint8Array): boolean {
  if (bytes.length >= 4 && bytes[0] === ZIP_MAGIC[0] && bytes[1] === ZIP_MAGIC[1] && (bytes[2] === 3 || bytes[2] === 5 || bytes[2] === 7)) return true;
  return /\.zip$/i.test(path) && bytes.length > 0 && bytes[0] === ZIP_MAGIC[0];
}

function lintZip(path: string, bytes: Uint8Array, options: LintOptions | undefined): FileResult[] {
  const config = options?.config ?? defaultConfig;
  let zip: ReturnType<typeof readZip>;
  try {
    zip = readZip(bytes, { select: (p) => LINTABLE_ENTRY.test(p) && !isPathIgnored(`${path}!/${p}`, config) });
  } catch {
    return [{ path, findings: [], problems: [{ message: 'The archive could not be read.' }], suppressed: 0 }];
  }
  const results: FileResult[] = [];
  if (zip.problems.length > 0) results.push({ path, findings: [], problems: zip.problems, suppressed: 0 });
  for (const entry of zip.entries) {
    const entryPath = `${path}!/${entry.path}`;
    let decoded: ReturnType<typeof decodeText>;
    try {
      decoded = decodeText(entry.bytes);
    } catch {
      results.push({ path: entryPath, findings: [], problems: [{ message: 'The entry could not be decoded as text.' }], suppressed: 0 });
      continue;
    }
    if ('binary' in decoded) {
      results.push({ path: entryPath, findings: [], problems: [{ message: `Not linted: ${decoded.reason}.` }], suppressed: 0 });
      continue;
    }
    let format: ReturnType<typeof detectFormat>;
    try { format = detectFormat(entryPath, decoded.text); } catch { format = 'other'; }
    if (format === 'other') continue;
    const result = lintText(entryPath, decoded.text, options);
    results.push({ ...result, text: decoded.text });
  }
  return results;
}

// ---------------------------------------------------------------------------------------------
// Formats

const TRAILER = '# [ControlRepository][PowerAutomateDesktop]';

/**
 * Parses a Robin text for linting. The clipboard trailer (`# [ControlRepository]…` and the JSON
 * after it: UI element repositories, base64 screenshots) holds no flow logic and is never
 * scanned, yet it is often most of a copied script: only the text before it is parsed. When that
 * part has any parse problem (the marker may sit inside an unterminated string), the whole text is
 * parsed instead.
 */
function parseForLint(text: string): Script {
  let cut = -1;
  for (let at = text.indexOf(TRAILER); at >= 0; at = text.indexOf(TRAILER, at + 1)) {
    let i = at - 1;
    while (i >= 0 && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i--;
    if (i < 0 || text.charCodeAt(i) === 10 || text.charCodeAt(i) === 13) { cut = at; break; }
  }
  if (cut < 0) return parse(text);
  const head = parse(text.slice(0, cut));
  // Any problem (an unterminated string running into the marker, above all): read it all.
  return head.messages.length > 0 ? parse(text) : head;
}

function lintRobinText(text: string, prepared: Prepared, flowName: string | undefined, toFileOffset: (o: number) => number): UnitOutcome & { fileSuppressed?: (ruleId: string) => boolean } {
  let script: Script;
  try {
    script = parseForLint(text);
  } catch {
    return { findings: [], problems: [{ message: `${flowName ? `Flow '${flowName}': ` : ''}the Robin text could not be parsed (internal parser error); no findings for it.` }], suppressed: 0 };
  }
  return lintUnit({ script, text, toFileOffset, flowName }, prepared);
}

function lintSolutionXml(path: string, text: string, prepared: Prepared): FileResult {
  let flows: readonly SolutionFlow[];
  const problems: FileProblem[] = [];
  try {
    const read = readCustomizations(text);
    flows = read.flows;
    problems.push(...read.problems);
  } catch {
    return { path, findings: [], problems: [{ message: 'The solution XML could not be read (internal error).' }], suppressed: 0 };
  }
  const outcomes: UnitOutcome[] = [];
  for (const flow of flows) {
    try {
      const def = flow.definition;
      let fileSuppressed: ((ruleId: string) => boolean) | undefined;
      if (def) {
        const outcome = lintRobinText(def.text, prepared, flow.name, (o) => def.toFileOffset(o));
        fileSuppressed = outcome.fileSuppressed;
        outcomes.push(outcome);
      }
      const inputs = lintFlowInputs(flow, prepared, fileSuppressed);
      if (inputs) outcomes.push(inputs);
    } catch {
      problems.push({ message: `Flow '${flow.name}' could not be linted (internal error); other flows were.`, range: flow.range });
    }
  }
  return finish(path, outcomes, problems);
}

function lintFlowInputs(flow: SolutionFlow, prepared: Prepared, fileSuppressed: ((ruleId: string) => boolean) | undefined): UnitOutcome | undefined {
  const parameters = flow.inputs?.properties;
  if (!parameters || parameters.length === 0) return undefined;
  const outcome: UnitOutcome = { findings: [], problems: [], suppressed: 0 };
  for (const { rule, severity } of prepared.rules) {
    if (!rule.checkFlowInputs) continue;
    const context: FlowInputsContext = {
      flowName: flow.name,
      parameters,
      names: prepared.names,
      config: prepared.config,
      report(d: ReportDescriptor): void {
        if (fileSuppressed?.(rule.id)) { outcome.suppressed++; return; }
        outcome.findings.push(toPending(rule, severity, d, (o) => o, flow.name));
      },
    };
    try {
      rule.checkFlowInputs(context);
    } catch {
      outcome.problems.push({ message: `Rule '${rule.id}' failed on the inputs of flow '${flow.name}' (internal error); other rules still ran.` });
    }
  }
  return outcome;
}

// ---------------------------------------------------------------------------------------------
// One unit of Robin

interface Raw {
  readonly rule: LintRule;
  readonly severity: Severity;
  readonly d: ReportDescriptor;
}

function lintUnit(unit: RobinUnit, prepared: Prepared): UnitOutcome & { fileSuppressed?: (ruleId: string) => boolean } {
  const { script, text } = unit;
  const problems: FileProblem[] = [];
  const prefix = unit.flowName !== undefined ? `Flow '${unit.flowName}': ` : '';
  for (const m of script.messages) {
    problems.push({ message: prefix + m.message, range: mapRange(m.range, unit.toFileOffset) });
  }
  const suppressions = collectSuppressions(script, prepared.ruleIds, text);
  for (const p of suppressions.problems) problems.push({ message: prefix + p.message, range: p.range ? mapRange(p.range, unit.toFileOffset) : undefined });

  const shared = new UnitShared(script, text);
  const raws: Raw[] = [];
  for (const { rule, severity } of prepared.rules) {
    const context: RuleContext = {
      script,
      text,
      config: prepared.config,
      names: prepared.names,
      sensitive: shared.sensitive,
      literals: () => shared.literals(),
      flat: (literal: StringLiteral) => shared.flats.get(literal),
      literalsMatching: (pattern: RegExp) => shared.literalsMatching(pattern),
      literalsContaining: (needle: string) => shared.literalsContaining(needle),
      report(d: ReportDescriptor): void {
        raws.push({ rule, severity, d });
      },
    };
    try {
      rule.check(context);
    } catch {
      problems.push({ message: `${prefix}rule '${rule.id}' failed on this script (internal error); other rules still ran.` });
    }
  }

  const kept = dedupe(raws);
  const findings: PendingFinding[] = [];
  let suppressed = 0;
  for (const r of kept) {
    if (suppressions.isSuppressed(r.rule.id, r.d.range)) { suppressed++; continue; }
    findings.push(toPending(r.rule, r.severity, r.d, unit.toFileOffset, unit.flowName));
  }
  return { findings, problems, suppressed, fileSuppressed: (id) => suppressions.isFileSuppressed(id) };
}

/** One secret range is reported once: by the rule with the lowest priority number, then the narrowest range. */
function dedupe(raws: Raw[]): Raw[] {
  if (raws.length <= 1) return raws;
  const order = raws.map((r, i) => ({ r, i }));
  order.sort((a, b) => a.r.rule.priority - b.r.rule.priority
    || (a.r.d.range.end - a.r.d.range.start) - (b.r.d.range.end - b.r.d.range.start)
    || a.i - b.i);
  // Accepted ranges, disjoint, sorted by start.
  const starts: number[] = [];
  const ends: number[] = [];
  const kept: Raw[] = [];
  for (const { r } of order) {
    const s = r.d.range.start;
    const e = Math.max(r.d.range.end, s + 1);
    // First accepted range whose start is >= s.
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid] < s) lo = mid + 1; else hi = mid;
    }
    const overlapsPrev = lo > 0 && ends[lo - 1] > s;
    const overlapsNext = lo < starts.length && starts[lo] < e;
    if (overlapsPrev || overlapsNext) continue;
    starts.splice(lo, 0, s);
    ends.splice(lo, 0, e);
    kept.push(r);
  }
  kept.sort((a, b) => a.d.range.start - b.d.range.start);
  return kept;
}

function toPending(rule: LintRule, severity: Severity, d: ReportDescriptor, map: (o: number) => number, flowName: string | undefined): PendingFinding {
  const statementRange = d.statementRange ?? (d.statement && d.statement.kind !== 'comment' ? d.statement.range : undefined);
  return {
    ruleId: rule.id,
    severity,
    message: d.message,
    range: mapRange(d.range, map),
    kind: d.kind,
    placement: d.placement,
    ...(d.literalRange ? { literalRange: mapRange(d.literalRange, map) } : {}),
    ...(statementRange ? { statementRange: mapRange(statementRange, map) } : {}),
    ...(d.context !== undefined ? { context: d.context } : {}),
    ...(d.argument !== undefined ? { argument: d.argument } : {}),
    ...(flowName !== undefined ? { flowName } : {}),
    ...(d.statement?.functionName !== undefined ? { subflow: d.statement.functionName } : {}),
  };
}

function mapRange(range: Range, map: (o: number) => number): Range {
  const start = map(range.start);
  const end = range.end === range.start ? start : map(range.end);
  return { start, end: Math.max(start, end) };
}

/** Gathers the outcomes of a file's units into its result: sorted, fingerprinted. */
function finish(path: string, outcomes: readonly UnitOutcome[], problems: FileProblem[]): FileResult {
  const pending: PendingFinding[] = [];
  let suppressed = 0;
  for (const o of outcomes) {
    pending.push(...o.findings);
    problems.push(...o.problems);
    suppressed += o.suppressed;
  }
  pending.sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end);
  const counters = new Map<string, number>();
  const findings: Finding[] = pending.map((p) => {
    const { subflow, ...rest } = p;
    const key = occurrenceKey({ ruleId: p.ruleId, flow: p.flowName, subflow, context: p.context, argument: p.argument });
    const occurrence = counters.get(key) ?? 0;
    counters.set(key, occurrence + 1);
    return {
      ...rest,
      fingerprint: fingerprintOf({ ruleId: p.ruleId, path, flow: p.flowName, subflow, context: p.context, argument: p.argument, occurrence }),
    };
  });
  return { path, findings, problems, suppressed };
}

// ---------------------------------------------------------------------------------------------
// What the rules of one unit share, computed once and lazily

class UnitShared {
  readonly flats = new FlatCache();
  readonly sensitive: ReadonlySet<string>;
  private refs?: LiteralRef[];
  private starts?: Int32Array;
  private readonly scanText: string;

  constructor(private readonly script: Script, text: string) {
    const sensitive = new Set<string>();
    let trailerStart = text.length;
    for (const s of script.statements) {
      if (s.kind === 'sensitive') for (const v of s.variables) sensitive.add(v.name.toLowerCase());
      else if (s.kind === 'trailer') trailerStart = Math.min(trailerStart, s.range.start);
    }
    this.sensitive = sensitive;
    this.scanText = trailerStart < text.length ? text.slice(0, trailerStart) : text;
  }

  literals(): readonly LiteralRef[] {
    if (!this.refs) this.refs = collectLiterals(this.script);
    return this.refs;
  }

  /** Literals (in source order) whose source range holds a match of the global `pattern`. */
  literalsMatching(pattern: RegExp): LiteralRef[] {
    const text = this.scanText;
    pattern.lastIndex = 0;
    let m = pattern.exec(text);
    if (!m) return [];
    const out: LiteralRef[] = [];
    while (m) {
      const next = this.collectAt(m.index, m.index + Math.max(1, m[0].length), out);
      if (next > text.length) break;
      pattern.lastIndex = next;
      m = pattern.exec(text);
    }
    return out;
  }

  /** Literals (in source order) whose source range holds `needle` (plain `indexOf`, the fastest scan). */
  literalsContaining(needle: string): LiteralRef[] {
    const text = this.scanText;
    let at = text.indexOf(needle);
    if (at < 0) return [];
    const out: LiteralRef[] = [];
    while (at >= 0) {
      const next = this.collectAt(at, at + Math.max(1, needle.length), out);
      at = next > text.length ? -1 : text.indexOf(needle, next);
    }
    return out;
  }

  /** Adds the literal holding offset `at` (if any) to `out`; gives where the scan should resume. */
  private collectAt(at: number, next: number, out: LiteralRef[]): number {
    const refs = this.literals();
    if (!this.starts) {
      const starts = new Int32Array(refs.length);
      for (let i = 0; i < refs.length; i++) starts[i] = refs[i].literal.range.start;
      this.starts = starts;
    }
    const starts = this.starts;
    // Last literal starting at or before `at` (literals are disjoint and sorted by start).
    let lo = 0;
    let hi = starts.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid] <= at) { found = mid; lo = mid + 1; } else hi = mid - 1;
    }
    if (found >= 0) {
      const ref = refs[found];
      if (ref.literal.range.end > at) {
        if (out.length === 0 || out[out.length - 1] !== ref) out.push(ref);
        return Math.max(next, ref.literal.range.end);
      }
    }
    return next;
  }
}

export type { FlatLiteral };
export { normalizePath };
