/**
 * Secrets inside script bodies and command lines: PowerShell, cmd/batch, VBScript, JavaScript,
 * Python and .NET scripts run by the flow, `System.RunApplication` command-line arguments and
 * `Cmd` sessions.
 */
import type { ActionStatement } from '../../robin/ast';
import { candidate, type FlatLiteral, HOLE, type LiteralRef } from '../literals';
import { lower } from '../names';
import type { LintRule, RuleContext } from '../rule';
import type { SecretKind } from '../types';

/** Arguments that hold code or a command line, in any action. */
const CODE_ARG = /^(?:script|code|command|commandline|commandlinearguments|arguments|args|javascript|javascriptcode|jscode|vbscript|vbscriptcode|pythoncode|pythonscript|powershellscript|dotnetcode|dotnetscript|doscommandorapplication|doscommand|commandtoexecute|texttosend)$/i;
/** Modules whose string arguments are all code or command text. */
const CODE_MODULES = new Set(['scripting', 'cmd']);
/** Arguments whose value is a command line rather than a script (unquoted `name=value` counts). */
const COMMAND_LINE_ARG = /^(?:commandlinearguments|arguments|args|command|commandline|doscommandorapplication|doscommand|commandtoexecute|applicationpath)$/i;

const PREFILTER = /pass|pwd|secret|token|key|secur|cred|auth|runas|psexec|sqlcmd|curl|wget|mysql|\/user:|\s-p\s|\s-P|\s-u\s|--user|net\s+use|net\s+user|\/rp\s/gi;

// Regexes run over the flat text of a candidate literal. Quoted values: group `v` holds the value.
const Q = String.raw`(?:"(?<dq>(?:[^"\r\n\\]|\\.|"")*)"|'(?<sq>(?:[^'\r\n]|'')*)')`;
const SECURE_STRING = /ConvertTo-SecureString\b[^|\r\n;)]*/gid;
const QUOTED = new RegExp(Q, 'gd');
const PS_PARAM = new RegExp(String.raw`(?:^|[\s(,])-(?<name>[A-Za-z][\w]*)\s*[:\s]\s*` + Q, 'gd');
const ASSIGN = new RegExp(String.raw`(?:^|[^\w$.\-'"])(?<lhs>\$?(?:\{)?[A-Za-z_][\w]*(?:\.[A-Za-z_]\w*)*\}?|"[A-Za-z_][\w .\-]*"|'[A-Za-z_][\w .\-]*')\s*(?::=|=(?![=~>])|:(?!:))\s*(?:@|[rbuf]{1,2}(?=["']))?` + Q, 'gd');
const HEADER_IN_QUOTES = /["']\s*(?<name>[A-Za-z][\w-]*)\s*:\s*(?:(?:Bearer|Basic|Token|Digest)\s+)?(?<v>[^"'\r\n]+?)\s*["']/gd;
const AUTH_ASSIGN = new RegExp(String.raw`\bAuthorization["']?\s*(?:=|:|,)\s*` + String.raw`(?:"(?:Bearer|Basic|Token)\s+(?<dq>[^"\r\n]*)"|'(?:Bearer|Basic|Token)\s+(?<sq>[^'\r\n]*)')`, 'gid');
const NET_USE = /\bnet(?:\.exe)?\s+(?<verb>use|user)\b(?<rest>[^\r\n&|]*)/gid;
const PSEXEC_P = /\bpsexec(?:64)?(?:\.exe)?\b[^\r\n]*?\s-p\s+(?:"(?<dq>[^"\r\n]*)"|(?<bare>[^\s"]+))/gid;
const SQLCMD_P = /\b(?:sqlcmd|bcp|osql|isql)(?:\.exe)?\b[^\r\n]*?\s-P\s*(?:"(?<dq>[^"\r\n]*)"|(?<bare>[^\s"]+))/gd;
const MYSQL_P = /\bmysql(?:dump|admin)?(?:\.exe)?\b[^\r\n]*?\s-p(?<bare>[^\s"']+)/gd;
const LONG_OPTION = /(?:^|\s)--(?<name>[A-Za-z][\w-]*)(?:=|\s+)(?:"(?<dq>[^"\r\n]*)"|'(?<sq>[^'\r\n]*)'|(?<bare>[^\s"'-][^\s"']*))/gd;
const CURL_USER = /\b(?:curl|wget)(?:\.exe)?\b[^\r\n]*?\s(?:-u|--user|--http-user)\s*(?:"[^":\r\n]*:(?<dq>[^"\r\n]*)"|'[^':\r\n]*:(?<sq>[^'\r\n]*)'|[^\s:"']+:(?<bare>[^\s"']+))/gd;
const SLASH_SWITCH = /(?:^|\s)\/(?<name>password|passwd|pass|pwd|pw|rp)[:=\s]\s*(?:"(?<dq>[^"\r\n]*)"|(?<bare>[^\s"/][^\s"]*))/gid;
const ECHO_RUNAS = /\becho\s+(?<bare>[^\s|]+)\s*\|\s*(?:runas|sudo|psexec|net|sqlcmd|ssh|plink)\b/gid;
const NETWORK_CREDENTIAL = /\bNetworkCredential\s*\(\s*(?:"[^"\r\n]*"|'[^'\r\n]*')\s*,\s*(?:"(?<dq>[^"\r\n]*)"|'(?<sq>[^'\r\n]*)')/gd;
const AUTH_TUPLE = /\bauth\s*=\s*\(\s*(?:"[^"\r\n]*"|'[^'\r\n]*')\s*,\s*(?:"(?<dq>[^"\r\n]*)"|'(?<sq>[^'\r\n]*)')/gd;
const UNQUOTED_ASSIGN = /(?:^|[\s;,])(?<name>[A-Za-z][\w.-]*)\s?[=:]\s?(?<bare>[^\s"';,&|][^\s"';,&|]*)/gd;

export const secretInScript: LintRule = {
  id: 'secret-in-script',
  description: 'A script body or command line run by the flow contains a literal password, key or token.',
  docs: [
    'A script or command run by the flow holds a literal credential: PowerShell (`ConvertTo-SecureString \'…\' -AsPlainText`, `-Password \'…\'`, `$password = \'…\'`), cmd (`net use \\\\server /user:x pass`, `psexec -p pass`, `sqlcmd -P pass`, `curl -u user:pass`, `/password:…`), VBScript, JavaScript, Python or .NET assignments of secret-named variables, or `System.RunApplication` command-line arguments.',
    '',
    'Example:',
    '```',
    "Scripting.RunPowershellScript.RunScript Script: $'''$pw = ConvertTo-SecureString \\'P@ssw0rd\\' -AsPlainText -Force''' ScriptOutput=> Out",
    '```',
    'Fix: get the secret with a **Get credential** action and pass it in with an interpolation (`\'%Credential.Password%\'`), or let the script read it from a vault. Script variables (`$env:PASSWORD`, `$pw`, `%%PASSWORD%%`) are not reported.',
  ].join('\n'),
  defaultSeverity: 'error',
  fixable: true,
  priority: 50,
  check(context: RuleContext): void {
    for (const ref of context.literals()) {
      const action = ref.action;
      if (!action || !ref.argument) continue;
      const argName = ref.argument.name;
      const isCode = isCodeArg(argName) || CODE_MODULES.has(lower(action.module)) || isRunApplicationPath(action, argName);
      if (!isCode) continue;
      if (lower(argName) === 'texttosend') continue; // keystrokes: owned by secret-typed-into-password-field
      const flat = context.flat(ref.literal);
      PREFILTER.lastIndex = 0;
      if (!PREFILTER.test(flat.text)) continue;
      scan(context, ref, action, COMMAND_LINE_ARG.test(argName) || lower(action.module) === 'cmd');
    }
  },
};

const codeArgCache = new Map<string, boolean>();
function isCodeArg(name: string): boolean {
  let v = codeArgCache.get(name);
  if (v === undefined) {
    v = CODE_ARG.test(name);
    if (codeArgCache.size > 5000) codeArgCache.clear();
    codeArgCache.set(name, v);
  }
  return v;
}

function isRunApplicationPath(action: ActionStatement, argName: string): boolean {
  return lower(action.module) === 'system' && lower(argName) === 'applicationpath' && /^runapplication/i.test(action.action);
}

interface Hit { start: number; end: number; kind: SecretKind; what: string }

function scan(context: RuleContext, ref: LiteralRef, action: ActionStatement, commandLine: boolean): void {
  const flat = context.flat(ref.literal);
  const text = flat.text;
  const hits: Hit[] = [];
  const add = (start: number, end: number, kind: SecretKind, what: string): void => {
    const value = text.slice(start, end);
    if (isScriptVariable(value)) return;
    const c = candidate(text, start, end);
    if (!c) return;
    for (const h of hits) if (h.start < c.end && c.start < h.end) return;
    hits.push({ start: c.start, end: c.end, kind, what });
  };
  const addGroup = (m: RegExpExecArray, kind: SecretKind, what: string): void => {
    const g = m.indices?.groups;
    if (!g) return;
    const span = g.dq ?? g.sq ?? g.bare ?? g.v;
    if (span) add(span[0], span[1], kind, what);
  };

  // PowerShell: ConvertTo-SecureString '…' -AsPlainText
  for (const m of iterate(SECURE_STRING, text)) {
    if (!/-AsPlainText/i.test(m[0])) continue;
    QUOTED.lastIndex = 0;
    const q = QUOTED.exec(m[0]);
    if (!q) continue;
    const g = q.indices?.groups;
    const span = g?.dq ?? g?.sq;
    if (span) add(m.index + span[0], m.index + span[1], 'password', 'a ConvertTo-SecureString -AsPlainText call');
  }
  // PowerShell parameters: -Password '…', -ApiKey "…"
  for (const m of iterate(PS_PARAM, text)) {
    const kind = context.names.classify(m.groups?.name ?? '');
    if (kind) addGroup(m, kind, `the -${m.groups?.name} parameter`);
  }
  // Assignments and key/value pairs: $password = '…', pwd = "…", "apiKey": "…", api_key='…'
  for (const m of iterate(ASSIGN, text)) {
    const lhs = (m.groups?.lhs ?? '').replace(/^[$"'{]+|["'}]+$/g, '');
    const last = lhs.includes('.') ? lhs.slice(lhs.lastIndexOf('.') + 1) : lhs;
    const kind = context.names.classify(last);
    if (kind) addGroup(m, kind, `an assignment to '${last}'`);
  }
  // Headers inside the script: "Authorization: Bearer …", "x-api-key: …", Authorization = "Bearer …"
  for (const m of iterate(AUTH_ASSIGN, text)) addGroup(m, 'authorization-header', 'an Authorization header');
  for (const m of iterate(HEADER_IN_QUOTES, text)) {
    const name = m.groups?.name ?? '';
    const lower = name.toLowerCase();
    let kind: SecretKind | undefined = lower === 'authorization' ? 'authorization-header' : context.names.classify(name);
    // `"Password: …"` is as likely a message as a header; only header-shaped names count.
    if (kind === 'password' && !name.includes('-')) kind = undefined;
    if (kind) addGroup(m, kind, `the '${name}' header`);
  }
  // net use \\server\share pass /user:x ; net user name pass /add
  for (const m of iterate(NET_USE, text)) {
    const restSpan = m.indices?.groups?.rest;
    if (!restSpan) continue;
    const span = netPassword(text, restSpan[0], restSpan[1], (m.groups?.verb ?? '').toLowerCase());
    if (span) add(span.start, span.end, 'password', `a 'net ${m.groups?.verb}' command`);
  }
  for (const m of iterate(PSEXEC_P, text)) addGroup(m, 'password', 'a PsExec -p option');
  for (const m of iterate(SQLCMD_P, text)) addGroup(m, 'password', 'a -P option');
  for (const m of iterate(MYSQL_P, text)) addGroup(m, 'password', 'a mysql -p option');
  for (const m of iterate(CURL_USER, text)) addGroup(m, 'password', 'a curl/wget user:password option');
  for (const m of iterate(LONG_OPTION, text)) {
    const name = m.groups?.name ?? '';
    const kind = context.names.classify(name);
    if (kind) addGroup(m, kind, `the --${name} option`);
  }
  for (const m of iterate(SLASH_SWITCH, text)) addGroup(m, 'password', `the /${m.groups?.name} switch`);
  for (const m of iterate(ECHO_RUNAS, text)) addGroup(m, 'password', 'a password piped into a command');
  for (const m of iterate(NETWORK_CREDENTIAL, text)) addGroup(m, 'password', 'a NetworkCredential constructor');
  for (const m of iterate(AUTH_TUPLE, text)) addGroup(m, 'password', 'an auth=(user, password) argument');
  if (commandLine) {
    for (const m of iterate(UNQUOTED_ASSIGN, text)) {
      const name = m.groups?.name ?? '';
      const kind = context.names.classify(name);
      if (kind) addGroup(m, kind, `the '${name}' option`);
    }
  }

  hits.sort((a, b) => a.start - b.start);
  for (const h of hits) report(context, ref, flat, action, h);
}

function report(context: RuleContext, ref: LiteralRef, flat: FlatLiteral, action: ActionStatement, h: Hit): void {
  const argName = ref.argument?.name ?? ref.owner;
  context.report({
    range: flat.rangeOf(h.start, h.end),
    literalRange: ref.literal.range,
    kind: h.kind,
    placement: 'embedded',
    message: `Hard-coded ${h.kind === 'password' ? 'password' : 'secret'} in ${h.what} in argument '${argName}' of ${action.id}. Pass it in from a Get credential action (%Credential.Password%).`,
    context: action.id,
    argument: argName,
    statement: ref.statement,
  });
}

function* iterate(re: RegExp, text: string): Generator<RegExpExecArray> {
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    yield m;
    if (m[0].length === 0) re.lastIndex++;
  }
}

/** Values that are references in the script's own language: `$pw`, `$env:X`, `%%X%%`, `!X!`, `${x}`, `(Get-…)`. */
function isScriptVariable(value: string): boolean {
  const v = value.trim();
  if (v.includes(HOLE)) return true;
  return /^(?:\$[\w:{}]+|\$\(.*\)|%[^%\s]+%|![^!\s]+!|\(.*\)|\$env:\w+|\{\{.*\}\}|process\.env\.\w+|os\.environ.*|getenv\(.*\))$/i.test(v);
}

/** The password in `net use [dev] \\server\share [password|*] [/user:…]` or `net user name [password|*]`. */
function netPassword(text: string, start: number, end: number, verb: string): { start: number; end: number } | undefined {
  const tokens: { start: number; end: number; value: string }[] = [];
  const re = /"([^"]*)"|(\S+)/g;
  const rest = text.slice(start, end);
  let m: RegExpExecArray | null;
  while ((m = re.exec(rest)) !== null) {
    const quoted = m[1] !== undefined;
    const s = start + m.index + (quoted ? 1 : 0);
    const value = quoted ? m[1] : m[2];
    tokens.push({ start: s, end: s + value.length, value });
  }
  const positional = tokens.filter((t) => !t.value.startsWith('/'));
  if (verb === 'user') {
    const pw = positional[1];
    return pw && pw.value !== '*' ? pw : undefined;
  }
  let seenShare = false;
  for (const t of positional) {
    if (/^[A-Za-z]:$|^\*$/.test(t.value) && !seenShare) continue;
    if (t.value.startsWith('\\\\') || t.value.startsWith('//')) { seenShare = true; continue; }
    if (!seenShare) continue;
    if (t.value === '*') return undefined;
    return t;
  }
  return undefined;
}
