/**
 * `Password=` / `Pwd=` inside a connection string (ADO.NET, ODBC, OLE DB), in any string literal.
 */
import { candidate, HOLE } from '../literals';
import type { LintRule, RuleContext } from '../rule';

/** Cheap whole-text prefilter. */
const PREFILTER = /(?:password|pwd)\s*=/gi;
/** `key=` at the start of the string or after `;`, with key Password/Pwd (and a few spellings). */
const PAIR = /(?:^|;)[ \t\r\n]*(password|pwd|pass|passwd|user[ _]?password)[ \t]*=[ \t]*/gi;
/** Another `key=` pair that says this is a connection string. */
const OTHER_KEY = /(?:^|;)\s*(?:server|data source|datasource|host|address|addr|network address|database|initial catalog|uid|user id|userid|user|username|provider|driver|dsn|dbq|port|integrated security|trusted_connection|encrypt)\s*=/i;

export const secretInConnectionString: LintRule = {
  id: 'secret-in-connection-string',
  description: 'A connection string holds a literal password (Password= or Pwd=).',
  docs: [
    'A database connection string written in the flow contains `Password=` or `Pwd=` with a literal value.',
    '',
    'Example:',
    '```',
    "Database.Connect.Connect ConnectionString: $'''Server=sql01;Database=Sales;User Id=robot;Password=S3cret!;''' Connection=> SQLConnection",
    '```',
    'Fix: keep the password in a credential and build the string with it: `…;Password=%Credential.Password%;`, or use integrated security. Values that are interpolations (`Password=%pwd%`), masks and empty values are not reported.',
  ].join('\n'),
  defaultSeverity: 'error',
  fixable: true,
  priority: 30,
  check(context: RuleContext): void {
    for (const ref of context.literalsMatching(PREFILTER)) {
      const flat = context.flat(ref.literal);
      const text = flat.text;
      const isConnArg = /connectionstring|connstr|connection/i.test(ref.owner);
      if (!isConnArg && !text.includes(';')) continue;
      if (!isConnArg && !OTHER_KEY.test(text)) continue;
      PAIR.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = PAIR.exec(text)) !== null) {
        const valueStart = m.index + m[0].length;
        const span = valueSpan(text, valueStart);
        if (!span) continue;
        PAIR.lastIndex = Math.max(PAIR.lastIndex, span.after);
        const c = candidate(text, span.start, span.end);
        if (!c) continue;
        context.report({
          range: flat.rangeOf(c.start, c.end),
          literalRange: ref.literal.range,
          kind: 'connection-string-password',
          placement: 'embedded',
          message: `Hard-coded password in a connection string (${ref.context === '@@' ? 'annotation' : 'argument'} '${ref.owner}' of ${ref.context}). Use %Credential.Password% from a Get credential action.`,
          context: ref.context,
          argument: ref.owner,
          statement: ref.statement,
        });
      }
    }
  },
};

/** The value after `key=`: `'…'` (`''` doubled), `"…"`, `{…}` (`}}` doubled) or up to `;`. */
function valueSpan(text: string, i: number): { start: number; end: number; after: number } | undefined {
  const q = text[i];
  if (q === "'" || q === '"') {
    let j = i + 1;
    while (j < text.length) {
      if (text[j] === q) {
        if (text[j + 1] === q) { j += 2; continue; }
        return { start: i + 1, end: j, after: j + 1 };
      }
      j++;
    }
    return { start: i + 1, end: text.length, after: text.length };
  }
  if (q === '{') {
    let j = i + 1;
    while (j < text.length) {
      if (text[j] === '}') {
        if (text[j + 1] === '}') { j += 2; continue; }
        return { start: i + 1, end: j, after: j + 1 };
      }
      j++;
    }
    return { start: i + 1, end: text.length, after: text.length };
  }
  let j = i;
  while (j < text.length && text[j] !== ';' && text[j] !== '\n' && text[j] !== '\r' && text[j] !== '"' && text[j] !== "'" && text[j] !== HOLE) j++;
  if (j < text.length && text[j] === HOLE) {
    // `Password=%pwd%` or `Password=abc%x%`: computed, not a literal secret.
    return undefined;
  }
  return { start: i, end: j, after: j };
}
