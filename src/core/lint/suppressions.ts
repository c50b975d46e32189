/**
 * Inline suppressions, written as Robin comments:
 *
 * ```
 * # flow-vault-disable-next-line secret-in-password-argument, secret-in-variable -- test account
 * Email.SendEmail.AuthenticateAndSend … Password: $'''…'''
 * # flow-vault-disable-file -- fixture
 * ```
 *
 * `disable-next-line` silences the listed rules (all rules when none is listed) on the next
 * statement; `disable-file` silences them in the whole script (or solution flow).
 */
import type { Range, Script, Statement } from '../robin/ast';
import type { FileProblem } from './types';

const DIRECTIVE = /^\s*flow-vault-disable-(next-line|file)(?=\s|$)(.*)$/s;

interface Silence {
  /** Undefined: every rule. */
  readonly rules?: ReadonlySet<string>;
  /** The reason written after `--` (empty when there is none). */
  readonly justification: string;
}

export interface Suppressions {
  /**
   * The reason of the comment that silences a finding of `ruleId` at `range` (offsets of the
   * script's text): empty when it gives none; undefined when no comment silences it.
   */
  silencing(ruleId: string, range: Range): string | undefined;
  /** The same for `flow-vault-disable-file` alone (findings outside the script, e.g. `<Inputs>`). */
  fileSilencing(ruleId: string): string | undefined;
  /** Unknown rule ids and directives with no statement after them. */
  readonly problems: readonly FileProblem[];
}

const NONE: Suppressions = { silencing: () => undefined, fileSilencing: () => undefined, problems: [] };

/** Reads the suppression comments of a script. `knownRules` is used to warn about typos. */
export function collectSuppressions(script: Script, knownRules: readonly string[], text?: string): Suppressions {
  if (text !== undefined && text.indexOf('flow-vault-disable') < 0) return NONE;
  const statements = script.statements;
  let any = false;
  for (const s of statements) {
    if (s.kind === 'comment' && s.text.includes('flow-vault-disable')) { any = true; break; }
  }
  if (!any) return NONE;
  const problems: FileProblem[] = [];
  const fileSilences: Silence[] = [];
  const lineSilences: { range: Range; silence: Silence }[] = [];
  for (let i = 0; i < statements.length; i++) {
    const s = statements[i];
    if (s.kind !== 'comment') continue;
    const m = DIRECTIVE.exec(s.text);
    if (!m) continue;
    const silence = parseRules(m[2], knownRules, s.range, problems);
    if (m[1] === 'file') {
      fileSilences.push(silence);
      continue;
    }
    const next = nextStatement(statements, i);
    if (!next) {
      problems.push({ message: 'flow-vault-disable-next-line has no statement after it.', range: s.range });
      continue;
    }
    lineSilences.push({ range: targetRange(next), silence });
  }
  return {
    problems,
    fileSilencing(ruleId: string): string | undefined {
      for (const f of fileSilences) if (!f.rules || f.rules.has(ruleId)) return f.justification;
      return undefined;
    },
    silencing(ruleId: string, range: Range): string | undefined {
      for (const l of lineSilences) {
        if (range.start >= l.range.start && range.start < Math.max(l.range.end, l.range.start + 1) && (!l.silence.rules || l.silence.rules.has(ruleId))) return l.silence.justification;
      }
      for (const f of fileSilences) if (!f.rules || f.rules.has(ruleId)) return f.justification;
      return undefined;
    },
  };
}

function parseRules(rest: string, knownRules: readonly string[], where: Range, problems: FileProblem[]): Silence {
  const dash = rest.indexOf('--');
  const justification = dash >= 0 ? rest.slice(dash + 2).trim() : '';
  const list = (dash >= 0 ? rest.slice(0, dash) : rest).split(/[\s,]+/).filter((x) => x.length > 0);
  if (list.length === 0) return { justification };
  for (const id of list) {
    if (!knownRules.includes(id)) problems.push({ message: `Unknown rule '${id}' in a flow-vault-disable comment.`, range: where });
  }
  return { rules: new Set(list), justification };
}

function nextStatement(statements: readonly Statement[], i: number): Statement | undefined {
  const after = statements[i].range.end;
  for (let j = i + 1; j < statements.length; j++) {
    const s = statements[j];
    if (s.kind === 'comment') continue;
    if (s.range.start < after) continue;
    return s;
  }
  return undefined;
}

/** A block statement is silenced on its header line only. */
function targetRange(s: Statement): Range {
  if (s.kind === 'function' || s.kind === 'region') return s.headerRange;
  return s.range;
}
