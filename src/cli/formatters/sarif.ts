/**
 * SARIF 2.1.0 output for code-scanning pipelines.
 *
 * - `tool.driver.rules` holds every rule's metadata; each result points at its rule by
 *   `ruleId` and `ruleIndex`.
 * - Regions are exact: 1-based lines and columns in UTF-16 code units (SARIF's default
 *   `columnKind`), end column exclusive. There is no `snippet` (it would hold the secret).
 * - Files inside the working directory are given relative to `%SRCROOT%`, which
 *   `originalUriBaseIds` maps to the working directory; files outside it get an absolute
 *   `file:` URI.
 * - A zip entry is a nested artifact: `run.artifacts` lists the archive and, with `parentIndex`,
 *   the entry; the result's `artifactLocation` points at the entry by `index`, and a
 *   `logicalLocation` names it `archive.zip!/path/in/zip`. The `script.robin` packed in a
 *   Workflows JSON is an entry of that JSON file the same way (one level deeper inside a zip).
 * - Binary files skipped without a message each are counted in `run.properties.binaryFilesSkipped`.
 * - Suppressed findings are results with a `suppressions` entry: `external` for the baseline,
 *   `inSource` for an ignore comment (with its reason as the justification).
 * - Problems inside a file and files that could not be read are tool execution notifications.
 */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as Sarif from 'sarif';
import { ENTRY_SEPARATOR, entryLevels, joinEntryPath } from '../../core/lint/entryPath';
import type { Severity } from '../../core/lint/types';
import type { Formatter, Report, ReportFile, ReportFinding, ReportProblem, RuleInfo } from './model';

export const SRCROOT = '%SRCROOT%';
/** The key of the finding's fingerprint in `partialFingerprints`. */
export const FINGERPRINT_KEY = 'flowVaultFingerprint/v1';
const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

export function sarifLevel(severity: Severity): Sarif.ReportingConfiguration.level {
  return severity === 'error' ? 'error' : severity === 'warning' ? 'warning' : 'note';
}

function isUrl(s: string): boolean {
  return /^https?:\/\/\S+$/.test(s.trim());
}

function describeRule(rule: RuleInfo): Sarif.ReportingDescriptor {
  const docs = rule.docs?.trim();
  const descriptor: Sarif.ReportingDescriptor = {
    id: rule.id,
    name: rule.id
      .split('-')
      .map((w) => (w ? w[0]!.toUpperCase() + w.slice(1) : w))
      .join(''),
    shortDescription: { text: rule.description },
    fullDescription: { text: docs && !isUrl(docs) ? firstParagraph(docs) : rule.description },
    defaultConfiguration: { level: sarifLevel(rule.defaultSeverity), enabled: true },
    properties: { fixable: rule.fixable, tags: ['security', 'secrets'] },
  };
  if (docs && isUrl(docs)) {
    descriptor.helpUri = docs;
    descriptor.help = { text: `${rule.description} See ${docs}`, markdown: `${rule.description}\n\n[Documentation](${docs})` };
  } else if (docs) {
    descriptor.help = { text: docs, markdown: docs };
  } else {
    descriptor.help = { text: rule.description, markdown: rule.description };
  }
  return descriptor;
}

function firstParagraph(markdown: string): string {
  const para = markdown.split(/\r?\n\s*\r?\n/).find((p) => p.trim() !== '' && !p.trim().startsWith('#')) ?? markdown;
  return para.replace(/\s+/g, ' ').trim();
}

/** A relative reference with each segment percent-encoded, so that it is a valid URI. */
function encodeRelative(p: string): string {
  return p
    .split('/')
    .map((seg) => encodeURIComponent(seg))
    .join('/');
}

interface ArtifactRef {
  readonly location: Sarif.ArtifactLocation;
  readonly logical?: string;
}

class Artifacts {
  readonly list: Sarif.Artifact[] = [];
  private readonly archives = new Map<string, number>();
  private readonly entries = new Map<string, number>();

  constructor(private readonly cwd: string) {}

  /** Where a file on disk is, as a SARIF artifact location. */
  fileLocation(absolutePath: string): Sarif.ArtifactLocation {
    const rel = path.relative(this.cwd, absolutePath);
    if (rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel)) {
      return { uri: encodeRelative(rel.split(path.sep).join('/')), uriBaseId: SRCROOT };
    }
    return { uri: pathToFileURL(absolutePath).href };
  }

  ref(file: ReportFile): ArtifactRef {
    if (file.entry === undefined) return { location: this.fileLocation(file.absolutePath) };
    let parent = this.archives.get(file.absolutePath);
    if (parent === undefined) {
      parent = this.list.length;
      this.list.push({ location: this.fileLocation(file.absolutePath), roles: ['analysisTarget'], mimeType: containerType(file.absolutePath) });
      this.archives.set(file.absolutePath, parent);
    }
    // `Workflows/x.json!/script.robin` inside a zip: each level nested in the one before.
    const levels = entryLevels(file.entry);
    let key = file.absolutePath;
    let index = parent;
    let uri = '';
    levels.forEach((level, i) => {
      key += `\u0000${level}`;
      uri = encodeRelative(level);
      let at = this.entries.get(key);
      if (at === undefined) {
        at = this.list.length;
        const last = i === levels.length - 1;
        this.list.push({ location: { uri }, parentIndex: index, roles: ['analysisTarget'], ...(last ? {} : { mimeType: containerType(level) }) });
        this.entries.set(key, at);
      }
      index = at;
    });
    return { location: { uri, index }, logical: joinEntryPath(file.archivePath ?? file.absolutePath, levels.join(ENTRY_SEPARATOR)) };
  }
}

/** A file that holds others: a zip, or a Workflows JSON whose definition is a packed zip. */
function containerType(p: string): string {
  return /\.json$/i.test(p) ? 'application/json' : 'application/zip';
}

function region(start: { line: number; column: number }, end: { line: number; column: number }): Sarif.Region {
  return { startLine: start.line, startColumn: start.column, endLine: end.line, endColumn: end.column };
}

function location(ref: ArtifactRef, where?: { start: ReportFinding['start']; end: ReportFinding['end'] }, flowName?: string): Sarif.Location {
  const loc: Sarif.Location = {
    physicalLocation: {
      artifactLocation: { ...ref.location },
      ...(where ? { region: region(where.start, where.end) } : {}),
    },
  };
  const logical: Sarif.LogicalLocation[] = [];
  if (ref.logical !== undefined) logical.push({ fullyQualifiedName: ref.logical, kind: 'resource' });
  if (flowName !== undefined) logical.push({ name: flowName, kind: 'module' });
  if (logical.length > 0) loc.logicalLocations = logical;
  return loc;
}

function problemNotification(ref: ArtifactRef, p: ReportProblem): Sarif.Notification {
  return {
    level: 'warning',
    message: { text: p.message },
    locations: [location(ref, p.start && p.end ? { start: p.start, end: p.end } : undefined)],
  };
}

export function toSarif(report: Report): Sarif.Log {
  const rules: RuleInfo[] = [...report.rules];
  const ruleIndex = new Map<string, number>();
  rules.forEach((r, i) => ruleIndex.set(r.id, i));
  // A finding of a rule the registry does not list (should not happen) still gets metadata.
  for (const f of report.files) {
    for (const x of [...f.findings, ...(f.suppressedFindings ?? [])]) {
      if (!ruleIndex.has(x.ruleId)) {
        ruleIndex.set(x.ruleId, rules.length);
        rules.push({ id: x.ruleId, description: x.ruleId, defaultSeverity: x.severity, fixable: false });
      }
    }
  }

  const artifacts = new Artifacts(report.cwd);
  const results: Sarif.Result[] = [];
  const notifications: Sarif.Notification[] = [];
  for (const file of report.files) {
    const ref = artifacts.ref(file);
    const toResult = (f: ReportFinding): Sarif.Result => ({
      ruleId: f.ruleId,
      ruleIndex: ruleIndex.get(f.ruleId)!,
      level: sarifLevel(f.severity),
      kind: 'fail',
      message: { text: f.message },
      locations: [location(ref, f, f.flowName)],
      partialFingerprints: { [FINGERPRINT_KEY]: f.fingerprint },
      properties: {
        secretKind: f.kind,
        placement: f.placement,
        ...(f.context !== undefined ? { context: f.context } : {}),
        ...(f.argument !== undefined ? { argument: f.argument } : {}),
      },
    });
    for (const f of file.findings) results.push(toResult(f));
    // Suppressed findings: reported as such, so that a viewer can show them.
    for (const f of file.suppressedFindings ?? []) {
      const suppression: Sarif.Suppression = f.suppression?.kind === 'comment'
        ? { kind: 'inSource', status: 'accepted', ...(f.suppression.justification ? { justification: f.suppression.justification } : {}) }
        : { kind: 'external', status: 'accepted', justification: 'Accepted in the Flow Vault baseline file.' };
      results.push({ ...toResult(f), suppressions: [suppression] });
    }
    for (const p of file.problems) notifications.push(problemNotification(ref, p));
  }
  for (const e of report.readErrors) {
    notifications.push({
      level: 'error',
      message: { text: e.message },
      locations: [{ physicalLocation: { artifactLocation: artifacts.fileLocation(e.absolutePath) } }],
    });
  }

  const srcroot = pathToFileURL(report.cwd).href;
  const run: Sarif.Run = {
    tool: {
      driver: {
        name: report.tool.name,
        version: report.tool.version,
        semanticVersion: report.tool.version,
        informationUri: report.tool.informationUri,
        rules: rules.map(describeRule),
      },
    },
    originalUriBaseIds: { [SRCROOT]: { uri: srcroot.endsWith('/') ? srcroot : srcroot + '/' } },
    invocations: [
      {
        executionSuccessful: report.readErrors.length === 0,
        ...(notifications.length > 0 ? { toolExecutionNotifications: notifications } : {}),
      },
    ],
    results,
    columnKind: 'utf16CodeUnits',
  };
  if ((report.binaryFilesSkipped ?? 0) > 0) run.properties = { binaryFilesSkipped: report.binaryFilesSkipped };
  if (artifacts.list.length > 0) run.artifacts = artifacts.list;
  return { $schema: SARIF_SCHEMA, version: '2.1.0', runs: [run] };
}

export const sarif: Formatter = (report) => JSON.stringify(toSarif(report), null, 2) + '\n';
