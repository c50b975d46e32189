/**
 * Which files hold desktop flows: Robin scripts (`.robin`, `.powerautomate`, `.flow`, `.pad`,
 * and `.txt` files that evidently are Robin), solution XML (`customizations.xml`) and the
 * `Workflows/*.json` files of a solution (older exports pack the definition there).
 */
import { isWorkflowJsonPath } from './workflowPackage';

export type FileFormat = 'robin' | 'solution-xml' | 'workflow-json' | 'other';

/** Extensions of files that hold plain Robin text. */
export const ROBIN_EXTENSIONS: readonly string[] = ['.robin', '.powerautomate', '.flow', '.pad'];

/** How much of a text the content checks read. */
const HEAD = 8192;

export interface DetectOptions {
  /**
   * Paths the user said may hold Robin (`robinFileGlobs`): such a file is Robin when its content
   * evidently is (`looksLikeRobin`), whatever its extension.
   */
  readonly maybeRobin?: (path: string) => boolean;
}

/**
 * The format of a file, from its path (a zip entry may be given as `archive.zip!/path`) and, for
 * `.txt` and `.xml` files and the paths of `maybeRobin`, a cheap look at its start.
 */
export function detectFormat(path: string, text: string, options?: DetectOptions): FileFormat {
  const base = (path.split(/[\\/]/).pop() ?? '').toLowerCase();
  const dot = base.lastIndexOf('.');
  const ext = dot >= 0 ? base.slice(dot) : '';
  if (base === 'customizations.xml') return 'solution-xml';
  if (ROBIN_EXTENSIONS.includes(ext)) return 'robin';
  if (ext === '.xml' && looksLikeSolutionXml(text)) return 'solution-xml';
  if (ext === '.txt' && looksLikeRobin(text)) return 'robin';
  if (isWorkflowJsonPath(path)) return 'workflow-json';
  if (options?.maybeRobin?.(path) && looksLikeRobin(text)) return 'robin';
  return 'other';
}

/** An `<ImportExportXml>` root (after the prolog) and a `<Workflows>` element. */
export function looksLikeSolutionXml(text: string): boolean {
  let head = text.slice(0, HEAD);
  if (head.charCodeAt(0) === 0xfeff) head = head.slice(1);
  // Skip the XML declaration, processing instructions, comments and whitespace.
  const prolog = /^(?:\s+|<\?[\s\S]*?\?>|<!--[\s\S]*?-->)*/.exec(head);
  const rest = head.slice(prolog ? prolog[0].length : 0);
  if (!/^<ImportExportXml[\s>/]/.test(rest)) return false;
  return text.indexOf('<Workflows>') >= 0 || text.indexOf('<Workflows ') >= 0;
}

const STATEMENT = new RegExp(
  '^(?:' +
    [
      '@@\\w+\\s*:',
      '@(?:SENSITIVE|INPUT|OUTPUT)\\b',
      'IMPORT\\s+\'[^\']*\'\\s+AS\\s+\\w+\\s*$',
      'SET\\s+\\S+\\s+TO\\b',
      'IF\\b.*\\bTHEN\\s*$',
      'ELSE(?:\\s+IF\\b.*\\bTHEN)?\\s*$',
      'END(?:\\s+(?:IF|LOOP|FUNCTION|SWITCH))?\\s*$',
      'LOOP\\s+(?:FOREACH\\s+\\S+\\s+IN\\b|WHILE\\b|\\S+\\s+FROM\\b)',
      'EXIT(?:\\s+(?:LOOP|FUNCTION)|\\s+Code:|\\s*$)',
      'NEXT\\s+LOOP\\s*$',
      'FUNCTION\\s+\\S+\\s+(?:GLOBAL|LOCAL)\\b',
      'CALL\\s+\\w+\\s*$',
      'ON\\s+(?:BLOCK\\s+)?ERROR\\b',
      'BLOCK\\b.*$',
      'SWITCH\\s+\\S',
      'CASE\\s+(?:=|<>|<|>|IS\\b|CONTAINS\\b|NOT\\b|STARTS\\b|ENDS\\b)',
      'DEFAULT\\s*$',
      'LABEL\\s+\\S',
      'GOTO\\s+\\S',
      'WAIT\\b.*\\bFOR\\b',
      'WAIT\\s+\\d',
      'DISABLE\\s+\\S',
      'ERROR\\s*=>',
      'THROW\\s+ERROR\\b',
      'RETRY\\s+ACTION\\b',
      'GOTO\\b',
      '\\*\\*(?:END)?REGION\\b',
      '# \\[ControlRepository\\]\\[PowerAutomateDesktop\\]',
      // An action: `Module.Action[.Variant] Name: value` / `Name=> var`, or with every part capitalised alone on a line.
      '[A-Z][A-Za-z0-9]*(?:\\.[A-Za-z0-9_]+){1,3}\\s+[A-Za-z_][A-Za-z0-9_]*(?::|=>)\\s',
      '[A-Z][A-Za-z0-9]*(?:\\.[A-Z][A-Za-z0-9_]*){1,3}\\s*$',
    ].join('|') +
    ')',
);

/**
 * True when the start of a text evidently is Robin: at least half of its statement lines
 * (ignoring blank lines, comments and lines inside multi-line strings) are Robin statements.
 * READMEs, logs and notes are not. Reads at most the first 8 KB.
 */
export function looksLikeRobin(text: string): boolean {
  let head = text.length > HEAD ? text.slice(0, HEAD) : text;
  if (text.length > HEAD) {
    const nl = head.lastIndexOf('\n');
    if (nl > 0) head = head.slice(0, nl);
  }
  if (head.charCodeAt(0) === 0xfeff) head = head.slice(1);
  let robin = 0;
  let considered = 0;
  let inString = false;
  let inBlockComment = false;
  // Line by line (as `split('\n')` gives them), without an array of lines.
  for (let from = 0; from <= head.length; ) {
    let eol = head.indexOf('\n', from);
    if (eol < 0) eol = head.length;
    const line = head.slice(from, eol).trim();
    from = eol + 1;
    if (inBlockComment) {
      if (line.endsWith('#/')) inBlockComment = false;
      continue;
    }
    const quotes = tripleQuotes(line);
    if (inString) {
      if (quotes % 2 === 1) inString = false;
      continue;
    }
    if (line === '') continue;
    if (line.startsWith('/#')) {
      if (!line.endsWith('#/') || line.length < 4) inBlockComment = true;
      continue;
    }
    if (line.startsWith('#') && !line.startsWith('# [ControlRepository]')) continue;
    considered++;
    if (STATEMENT.test(line) || line.includes("$'''")) robin++;
    if (quotes % 2 === 1) inString = true;
    if (line.startsWith('# [ControlRepository]')) break;
  }
  return robin > 0 && robin * 2 >= considered;
}

/** How many `'''` a line holds once its `\x` escapes are dropped (non-overlapping, left to right). */
/** @internal Exported for tests. */
export function tripleQuotes(line: string): number {
  if (line.indexOf("'") < 0) return 0;
  const s = line.indexOf('\\') >= 0 ? line.replace(/\\./g, '') : line;
  let n = 0;
  for (let i = s.indexOf("'''"); i >= 0; i = s.indexOf("'''", i + 3)) n++;
  return n;
}
