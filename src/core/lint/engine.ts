/**
 * The lint engine: picks the format, parses, runs the enabled rules, de-duplicates, applies
 * inline suppressions, maps ranges to file offsets and fingerprints the findings.
 *
 * Pure: text or bytes in, results out. Never throws on bad input: parse errors, broken XML,
 * refused zip entries and even a failing rule become `problems`, and one broken flow does not
 * hide the findings of the others.
 */
import type { Range, Script, Statement, StringLiteral } from '../robin/ast';
import { parse } from '../robin';
import {
  detectFormat, readCustomizations, readWorkflowPackage, PACKAGE_SCRIPT, type SolutionFlow,
} from '../solution';
import { defaultConfig, matchesRobinFileGlobs, normalizePath, type ResolvedConfig } from './config';
import { joinEntryPath } from './entryPath';
import { fingerprintOf, occurrenceKey } from './fingerprint';
import { collectLiterals, FlatCache, type FlatLiteral, type LiteralRef } from './literals';
import { createNameClassifier, type NameClassifier } from './names';
import type { FlowInputsContext, LintRule, ReportDescriptor, RuleContext, StatementOfKind } from './rule';
import { rules as registry } from './rules';
import { collectSuppressions, type Suppressions } from './suppressions';
import type { FileProblem, FileResult, Finding, RobinUnit, Severity } from './types';

export interface LintOptions {
  /** Rule settings and extra secret words; `defaultConfig` when absent. */
  readonly config?: ResolvedConfig;
  /** The rules to run instead of the registry (tests, custom hosts). */
  readonly rules?: readonly LintRule[];
  /** The file's format when the caller has already detected it (saves a second detection). */
  readonly format?: ReturnType<typeof detectFormat>;
}

/** A finding before fingerprinting, in file offsets. */
interface PendingFinding extends Omit<Finding, 'fingerprint'> {
  readonly subflow?: string;
}

/** A finding an ignore comment silenced, with the comment's reason. */
type SilencedPending = PendingFinding & { readonly justification: string };

interface UnitOutcome {
  readonly findings: PendingFinding[];
  readonly problems: FileProblem[];
  suppressed: number;
  /** The findings ignore comments silenced (counted in `suppressed`), with their reasons. */
  readonly silenced?: SilencedPending[];
}

interface Prepared {
  readonly config: ResolvedConfig;
  readonly rules: readonly { rule: LintRule; severity: Severity }[];
  readonly names: NameClassifier;
  readonly ruleIds: readonly string[];
}

const classifierCache = new Map<string, NameClassifier>();

/** The last preparation, reused while the same configuration and rules come (every file of a run). */
let lastPrepared: { config: ResolvedConfig; rules: readonly LintRule[]; prepared: Prepared } | undefined;

function prepare(options: LintOptions | undefined): Prepared {
  const config = options?.config ?? defaultConfig;
  const all = options?.rules ?? registry;
  if (lastPrepared && lastPrepared.config === config && lastPrepared.rules === all) return lastPrepared.prepared;
  const prepared = prepareAnew(config, all);
  lastPrepared = { config, rules: all, prepared };
  return prepared;
}

function prepareAnew(config: ResolvedConfig, all: readonly LintRule[]): Prepared {
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
 * Lints a file's text: a Robin script (`.robin`, `.powerautomate`, `.flow`, `.pad`, Robin
 * `.txt`, and the files of the configuration's `robinFileGlobs` whose content is Robin), a
 * solution's `customizations.xml` (each desktop flow's definition, plus its `<Inputs>`
 * defaults) or a solution's `Workflows/*.json` whose definition is packed in it (see
 * `lintWorkflowJson`). Other files give an empty result.
 */
export function lintText(path: string, text: string, options?: LintOptions): FileResult {
  const prepared = prepare(options);
  let format: ReturnType<typeof detectFormat>;
  try {
    format = options?.format ?? detectFormat(path, text, detectOptions(prepared.config));
  } catch {
    return { path, findings: [], problems: [{ message: 'The file format could not be determined.' }], suppressed: 0 };
  }
  if (format === 'robin') {
    const outcome = lintRobinText(text, prepared, undefined, (o) => o);
    return finish(path, [outcome], []);
  }
  if (format === 'solution-xml') return lintSolutionXml(path, text, prepared);
  if (format === 'workflow-json') return lintWorkflowJson(path, text, prepared);
  return { path, findings: [], problems: [], suppressed: 0 };
}

/**
 * What format detection takes from the configuration (its `robinFileGlobs`) and, with
 * `mayHoldRobin`, from a host whose own setting says that this file may hold Robin.
 */
export function detectOptions(config: ResolvedConfig, mayHoldRobin = false): { maybeRobin?: (path: string) => boolean } {
  if (mayHoldRobin) return { maybeRobin: () => true };
  return config.robinFileGlobs && config.robinFileGlobs.length > 0 ? { maybeRobin: (p) => matchesRobinFileGlobs(p, config) } : {};
}

/**
 * A solution's `Workflows/*.json`: older exports pack the definition there as a base64 zip
 * holding `script.robin`. Its findings come as the result of `path!/script.robin`, with offsets
 * in the script's text (`text`) and `packedAt` the packed value's range in the JSON. A file
 * without a package (the stub of newer exports, a cloud flow) gives an empty result.
 */
function lintWorkflowJson(path: string, text: string, prepared: Prepared): FileResult {
  let pack: ReturnType<typeof readWorkflowPackage>;
  try {
    pack = readWorkflowPackage(text);
  } catch {
    return { path, findings: [], problems: [{ message: 'The definition package could not be read (internal error).' }], suppressed: 0 };
  }
  if (!pack) return { path, findings: [], problems: [], suppressed: 0 };
  if (pack.script === undefined) return { path, findings: [], problems: pack.problems, suppressed: 0 };
  const outcome = lintRobinText(pack.script, prepared, undefined, (o) => o);
  // The package's own problems (a refused entry beside the script) have no place in the script.
  const problems = pack.problems.map((p) => ({ message: p.message }));
  return { ...finish(joinEntryPath(path, PACKAGE_SCRIPT), [outcome], problems), text: pack.script, packedAt: pack.range };
}

// ---------------------------------------------------------------------------------------------
// Formats

const TRAILER_MARK = '[ControlRepository][PowerAutomateDesktop]';
/** A JSON string (escapes included), a bracket, or the quote of a string that is never closed. */
const JSON_TOKEN = /"[^"\\]*(?:\\[\s\S][^"\\]*)*"|[{}[\]"]/g;

/** A clipboard trailer: the marker line from its `#`, then a JSON value from `jsonStart` to `jsonEnd` (-1: to the end). */
interface Trailer {
  readonly start: number;
  readonly jsonStart: number;
  readonly jsonEnd: number;
}

function isBlank(c: number): boolean {
  return c === 32 || c === 9;
}

/** End (exclusive) of the JSON object or array at `i`, strings skipped whole; -1 when it never closes. */
function jsonEnd(text: string, i: number): number {
  JSON_TOKEN.lastIndex = i;
  let depth = 0;
  for (let m = JSON_TOKEN.exec(text); m; m = JSON_TOKEN.exec(text)) {
    const c = m[0].charCodeAt(0);
    if (c === 34) {
      if (m[0].length === 1) return -1;
    } else if (c === 123 || c === 91) {
      depth++;
    } else if (--depth === 0) {
      return JSON_TOKEN.lastIndex;
    }
  }
  return -1;
}

/**
 * The clipboard trailers of a text, in order: a line `# [ControlRepository][PowerAutomateDesktop]`
 * and the JSON value after it (UI element repositories, base64 screenshots). A copy-paste dump
 * may hold several copies, each script followed by its trailer. A trailer whose JSON never
 * closes (or is missing) runs to the end of the text, as the parser reads it.
 */
function findTrailers(text: string): Trailer[] {
  const out: Trailer[] = [];
  let from = 0;
  for (let at = text.indexOf(TRAILER_MARK); at >= 0; at = text.indexOf(TRAILER_MARK, from)) {
    from = at + TRAILER_MARK.length;
    // `#` and blanks before the mark, nothing but blanks before the `#` on its line.
    let i = at - 1;
    while (i >= 0 && isBlank(text.charCodeAt(i))) i--;
    if (i < 0 || text.charCodeAt(i) !== 35) continue;
    const hash = i;
    for (i--; i >= 0 && isBlank(text.charCodeAt(i)); i--);
    if (i >= 0 && text.charCodeAt(i) !== 10 && text.charCodeAt(i) !== 13) continue;
    // The JSON starts at the first non-space character after the marker line.
    let j = from;
    while (j < text.length && text.charCodeAt(j) !== 10 && text.charCodeAt(j) !== 13) j++;
    for (; j < text.length; j++) {
      const c = text.charCodeAt(j);
      if (c !== 32 && c !== 9 && c !== 10 && c !== 13) break;
    }
    const c = text.charCodeAt(j);
    const end = c === 123 || c === 91 ? jsonEnd(text, j) : -1;
    out.push({ start: hash, jsonStart: j, jsonEnd: end });
    if (end < 0) break;
    from = end;
  }
  return out;
}

function isBlankFrom(text: string, from: number): boolean {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 10 && c !== 13) return false;
  }
  return true;
}

/** What the engine lints: the script, and the text its literal scans run over (trailers blanked out). */
interface ParsedForLint {
  readonly script: Script;
  readonly scanText: string;
}

/**
 * Parses a Robin text for linting. Clipboard trailers hold no flow logic and are never scanned,
 * yet they are often most of a copied script, so their JSON is never parsed here:
 * - one script and its trailer at the end (the common case): only the text before the trailer
 *   is parsed;
 * - several copies (script, trailer, script, trailer…), or script text after a trailer: each
 *   trailer's JSON is replaced by `{}` and blanks of the same length, and the result parsed, so
 *   every script is read, at its own offsets;
 * - whenever that is in doubt (a parse problem before a single trailer, or a marker line that the
 *   parser does not read as a trailer, e.g. inside a multi-line string), the whole text is parsed
 *   as it is.
 */
function parseForLint(text: string): ParsedForLint {
  const trailers = findTrailers(text);
  if (trailers.length === 0) return parseWhole(text);
  const last = trailers[trailers.length - 1];
  if (trailers.length === 1 && (last.jsonEnd < 0 || isBlankFrom(text, last.jsonEnd))) {
    const head = text.slice(0, last.start);
    const script = parse(head);
    // Any problem (an unterminated string running into the marker, above all): read it all.
    return script.messages.length > 0 ? parseWhole(text) : { script, scanText: head };
  }
  const parts: string[] = [];
  const starts: number[] = [];
  let from = 0;
  for (const t of trailers) {
    if (t.jsonEnd < 0) break;
    parts.push(text.slice(from, t.jsonStart), '{}', ' '.repeat(t.jsonEnd - t.jsonStart - 2));
    starts.push(t.start);
    from = t.jsonEnd;
  }
  parts.push(text.slice(from));
  const masked = parts.join('');
  const script = parse(masked);
  let k = 0;
  for (const s of script.statements) if (s.kind === 'trailer' && s.range.start === starts[k]) k++;
  return k === starts.length ? { script, scanText: masked } : parseWhole(text);
}

function parseWhole(text: string): ParsedForLint {
  const script = parse(text);
  return { script, scanText: withoutTrailers(text, script) };
}

/**
 * `text` without the script's trailer statements: each blanked out (same offsets), and the text
 * cut before a last one that runs to the end (the common case, no copy made).
 */
function withoutTrailers(text: string, script: Script): string {
  let parts: string[] | undefined;
  let from = 0;
  const statements = script.statements;
  for (let i = 0; i < statements.length; i++) {
    const s = statements[i];
    if (s.kind !== 'trailer') continue;
    const start = Math.max(from, s.range.start);
    const end = Math.min(text.length, Math.max(start, s.range.end));
    if (isBlankFrom(text, end)) {
      if (!parts) return text.slice(0, start);
      parts.push(text.slice(from, start));
      return parts.join('');
    }
    (parts ??= []).push(text.slice(from, start), ' '.repeat(end - start));
    from = end;
  }
  if (!parts) return text;
  parts.push(text.slice(from));
  return parts.join('');
}

function lintRobinText(text: string, prepared: Prepared, flowName: string | undefined, toFileOffset: (o: number) => number): UnitOutcome {
  const run = startRobinText(text, prepared, flowName, toFileOffset);
  if (!('unit' in run)) return run;
  runBatched([run], prepared);
  return finishUnit(run);
}

/** Parses a Robin text and starts linting it (`startUnit`); a parser failure gives a finished outcome. */
function startRobinText(text: string, prepared: Prepared, flowName: string | undefined, toFileOffset: (o: number) => number): UnitRun | UnitOutcome {
  let parsed: ParsedForLint;
  try {
    parsed = parseForLint(text);
  } catch {
    return { findings: [], problems: [{ message: `${flowName ? `Flow '${flowName}': ` : ''}the Robin text could not be parsed (internal parser error); no findings for it.` }], suppressed: 0 };
  }
  return startUnit({ script: parsed.script, text, toFileOffset, flowName }, prepared, parsed.scanText);
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
  // Every flow's definition is started first, so that the rules that batch (secretlint) run once
  // for the file; the outcomes keep the order of the flows.
  const slots: { readonly flow: SolutionFlow; readonly slot: UnitOutcome | UnitRun }[] = [];
  const runs: UnitRun[] = [];
  for (const flow of flows) {
    try {
      const def = flow.definition;
      let fileSilencing: ((ruleId: string) => string | undefined) | undefined;
      if (def) {
        const started = startRobinText(def.text, prepared, flow.name, (o) => def.toFileOffset(o));
        if ('unit' in started) {
          const suppressions = started.suppressions;
          fileSilencing = (id) => suppressions.fileSilencing(id);
          runs.push(started);
        }
        slots.push({ flow, slot: started });
      }
      const inputs = lintFlowInputs(flow, prepared, fileSilencing);
      if (inputs) slots.push({ flow, slot: inputs });
    } catch {
      problems.push({ message: `Flow '${flow.name}' could not be linted (internal error); other flows were.`, range: flow.range });
    }
  }
  runBatched(runs, prepared);
  const outcomes: UnitOutcome[] = [];
  for (const { flow, slot } of slots) {
    if (!('unit' in slot)) {
      outcomes.push(slot);
      continue;
    }
    try {
      outcomes.push(finishUnit(slot));
    } catch {
      problems.push({ message: `Flow '${flow.name}' could not be linted (internal error); other flows were.`, range: flow.range });
    }
  }
  return finish(path, outcomes, problems);
}

function lintFlowInputs(flow: SolutionFlow, prepared: Prepared, fileSilencing: ((ruleId: string) => string | undefined) | undefined): UnitOutcome | undefined {
  const parameters = flow.inputs?.properties;
  if (!parameters || parameters.length === 0) return undefined;
  const silenced: SilencedPending[] = [];
  const outcome: UnitOutcome = { findings: [], problems: [], suppressed: 0, silenced };
  for (const { rule, severity } of prepared.rules) {
    if (!rule.checkFlowInputs) continue;
    const context: FlowInputsContext = {
      flowName: flow.name,
      parameters,
      names: prepared.names,
      config: prepared.config,
      report(d: ReportDescriptor): void {
        const pending = toPending(rule, severity, d, (o) => o, flow.name);
        const justification = fileSilencing?.(rule.id);
        if (justification !== undefined) {
          outcome.suppressed++;
          silenced.push({ ...pending, justification });
          return;
        }
        outcome.findings.push(pending);
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

/** One unit being linted: what its per-unit rules found so far, and what the rules that batch still need. */
interface UnitRun {
  readonly unit: RobinUnit;
  readonly prefix: string;
  readonly problems: FileProblem[];
  readonly raws: Raw[];
  readonly suppressions: Suppressions;
  readonly shared: UnitShared;
}

/** `scanText`: the text with trailers blanked out, when the caller has it already. */
function lintUnit(unit: RobinUnit, prepared: Prepared, scanText?: string): UnitOutcome {
  const run = startUnit(unit, prepared, scanText);
  runBatched([run], prepared);
  return finishUnit(run);
}

/** Parse problems and suppressions of a unit, and its rules run (except those that batch: `runBatched`). */
function startUnit(unit: RobinUnit, prepared: Prepared, scanText?: string): UnitRun {
  const { script, text } = unit;
  const problems: FileProblem[] = [];
  const prefix = unit.flowName !== undefined ? `Flow '${unit.flowName}': ` : '';
  for (const m of script.messages) {
    problems.push({ message: prefix + m.message, range: mapRange(m.range, unit.toFileOffset) });
  }
  const scan = scanText ?? withoutTrailers(text, script);
  const suppressions = collectSuppressions(script, prepared.ruleIds, scan);
  for (const p of suppressions.problems) problems.push({ message: prefix + p.message, range: p.range ? mapRange(p.range, unit.toFileOffset) : undefined });

  const run: UnitRun = { unit, prefix, problems, raws: [], suppressions, shared: new UnitShared(script, scan) };
  for (const { rule, severity } of prepared.rules) {
    if (rule.checkAll) continue;
    try {
      rule.check(ruleContext(run, rule, severity, prepared));
    } catch {
      problems.push({ message: `${prefix}rule '${rule.id}' failed on this script (internal error); other rules still ran.` });
    }
  }
  return run;
}

/** The rules that check several units at once (`checkAll`), over the units of one file. */
function runBatched(runs: readonly UnitRun[], prepared: Prepared): void {
  if (runs.length === 0) return;
  for (const { rule, severity } of prepared.rules) {
    if (!rule.checkAll) continue;
    try {
      rule.checkAll(runs.map((run) => ruleContext(run, rule, severity, prepared)));
    } catch {
      for (const run of runs) run.problems.push({ message: `${run.prefix}rule '${rule.id}' failed on this script (internal error); other rules still ran.` });
    }
  }
}

function ruleContext(run: UnitRun, rule: LintRule, severity: Severity, prepared: Prepared): RuleContext {
  const { shared, raws } = run;
  return {
    script: run.unit.script,
    text: run.unit.text,
    config: prepared.config,
    names: prepared.names,
    sensitive: shared.sensitive,
    statementsOf: (kind) => shared.statementsOf(kind),
    literals: () => shared.literals(),
    flat: (literal: StringLiteral) => shared.flats.get(literal),
    literalsMatching: (pattern: RegExp) => shared.literalsMatching(pattern),
    literalsContaining: (needle: string) => shared.literalsContaining(needle),
    report(d: ReportDescriptor): void {
      raws.push({ rule, severity, d });
    },
  };
}

/** De-duplicates, applies suppressions and maps a unit's findings to file offsets. */
function finishUnit(run: UnitRun): UnitOutcome {
  const { unit, suppressions } = run;
  const kept = dedupe(run.raws);
  const findings: PendingFinding[] = [];
  const silenced: SilencedPending[] = [];
  for (const r of kept) {
    const pending = toPending(r.rule, r.severity, r.d, unit.toFileOffset, unit.flowName);
    const justification = suppressions.silencing(r.rule.id, r.d.range);
    if (justification !== undefined) silenced.push({ ...pending, justification });
    else findings.push(pending);
  }
  return { findings, problems: run.problems, suppressed: silenced.length, silenced };
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
  const silencedPending: SilencedPending[] = [];
  let suppressed = 0;
  for (const o of outcomes) {
    pending.push(...o.findings);
    if (o.silenced) silencedPending.push(...o.silenced);
    problems.push(...o.problems);
    suppressed += o.suppressed;
  }
  const counters = new Map<string, number>();
  const findings = fingerprinted(path, pending, counters);
  if (silencedPending.length === 0) return { path, findings, problems, suppressed };
  // Counted after the others: silencing a finding leaves their fingerprints as they were, and
  // a silenced finding never shares a fingerprint with a reported one.
  const silenced = fingerprinted(path, silencedPending, counters);
  return { path, findings, problems, suppressed, silenced };
}

/** Sorted by place, each with its fingerprint (occurrences go on from `counters`). */
function fingerprinted<P extends PendingFinding>(path: string, pending: P[], counters: Map<string, number>): (Omit<P, 'subflow'> & { fingerprint: string })[] {
  pending.sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end);
  return pending.map((p) => {
    const { subflow, ...rest } = p;
    const key = occurrenceKey({ ruleId: p.ruleId, flow: p.flowName, subflow, context: p.context, argument: p.argument });
    const occurrence = counters.get(key) ?? 0;
    counters.set(key, occurrence + 1);
    return {
      ...rest,
      fingerprint: fingerprintOf({ ruleId: p.ruleId, path, flow: p.flowName, subflow, context: p.context, argument: p.argument, occurrence }),
    };
  });
}

// ---------------------------------------------------------------------------------------------
// What the rules of one unit share, computed once and lazily

const NO_STATEMENTS: readonly Statement[] = Object.freeze([]);

class UnitShared {
  readonly flats = new FlatCache();
  readonly sensitive: ReadonlySet<string>;
  /** The statements by kind, in source order. */
  private readonly byKind = new Map<Statement['kind'], Statement[]>();
  private refs?: LiteralRef[];
  private starts?: Int32Array;
  /** For each literal, the index of the literal around it (`%…%` values sit inside strings), or -1. */
  private parents?: Int32Array;
  /** For each literal, 1 when other literals sit inside it. */
  private nests?: Uint8Array;

  /** `scanText`: the text with trailers blanked out (literal scans run over it). */
  constructor(private readonly script: Script, private readonly scanText: string) {
    const byKind = this.byKind;
    for (const s of script.statements) {
      const list = byKind.get(s.kind);
      if (list) list.push(s);
      else byKind.set(s.kind, [s]);
    }
    const sensitive = new Set<string>();
    for (const s of this.statementsOf('sensitive')) for (const v of s.variables) sensitive.add(v.name.toLowerCase());
    this.sensitive = sensitive;
  }

  statementsOf<K extends Statement['kind']>(kind: K): readonly StatementOfKind<K>[] {
    return (this.byKind.get(kind) ?? NO_STATEMENTS) as readonly StatementOfKind<K>[];
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
    return this.ordered(out);
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
    return this.ordered(out);
  }

  /** With nested literals, one may be met twice or after a later one: once each, in source order. */
  private ordered(out: LiteralRef[]): LiteralRef[] {
    if (out.length < 2 || !this.nests || this.nests.indexOf(1) < 0) return out;
    return [...new Set(out)].sort((a, b) => a.literal.range.start - b.literal.range.start);
  }

  private index(): void {
    const refs = this.literals();
    const starts = new Int32Array(refs.length);
    const parents = new Int32Array(refs.length);
    const nests = new Uint8Array(refs.length);
    // Literals are sorted by start; two are either disjoint or one holds the other.
    const open: number[] = [];
    for (let i = 0; i < refs.length; i++) {
      const r = refs[i].literal.range;
      starts[i] = r.start;
      while (open.length > 0 && refs[open[open.length - 1]].literal.range.end <= r.start) open.pop();
      parents[i] = open.length > 0 ? open[open.length - 1] : -1;
      if (parents[i] >= 0) nests[parents[i]] = 1;
      open.push(i);
    }
    this.starts = starts;
    this.parents = parents;
    this.nests = nests;
  }

  /** Adds the innermost literal holding offset `at` (if any) to `out`; gives where the scan should resume. */
  private collectAt(at: number, next: number, out: LiteralRef[]): number {
    if (!this.starts) this.index();
    const refs = this.literals();
    const starts = this.starts as Int32Array;
    const parents = this.parents as Int32Array;
    // Last literal starting at or before `at`, then out to the first that holds it.
    let lo = 0;
    let hi = starts.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid] <= at) { found = mid; lo = mid + 1; } else hi = mid - 1;
    }
    while (found >= 0 && refs[found].literal.range.end <= at) found = parents[found];
    if (found >= 0) {
      const ref = refs[found];
      if (out.length === 0 || out[out.length - 1] !== ref) out.push(ref);
      // Past the literal, unless literals inside it are still ahead.
      return (this.nests as Uint8Array)[found] ? next : Math.max(next, ref.literal.range.end);
    }
    return next;
  }
}

export type { FlatLiteral };
export { normalizePath };
