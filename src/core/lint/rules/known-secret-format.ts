/**
 * Known token formats inside ANY string literal (cloud keys, GitHub/GitLab/npm tokens, Slack
 * tokens and webhooks, private keys, OpenAI/Anthropic keys, database URIs with passwords…),
 * detected by the maintained secretlint rules (`@secretlint/secretlint-rule-preset-recommend`)
 * called directly on the decoded literal contents.
 *
 * Speed: a file's candidate literals (those holding a run of 16+ token characters, split at
 * `%…%` interpolations), across all the flows of a solution file, are joined into one source with
 * separators, every preset rule runs once over it, and the ranges are mapped back through the
 * flat-literal offset map. Matches that cross a separator are dropped.
 */
import type * as Preset from '@secretlint/secretlint-rule-preset-recommend';
import { HOLE, type FlatLiteral, type LiteralRef } from '../literals';
import { isPlaceholder } from '../placeholders';
import type { LintRule, RuleContext } from '../rule';
import type { SecretKind } from '../types';

/** What each secretlint message id finds: our kind and a label for messages. */
const MESSAGES: Readonly<Record<string, readonly [SecretKind, string]>> = {
  AWSSecretAccessKey: ['secret', 'AWS secret access key'],
  AWSAccessKeyID: ['api-key', 'AWS access key ID'],
  AWSAccountID: ['secret', 'AWS account ID'],
  PrivateKeyJSON: ['private-key', 'GCP service account key'],
  PrivateKeyP12: ['private-key', 'GCP service account key'],
  PackageJSON_xOauthToken: ['token', 'GitHub token'],
  Npmrc_authToken: ['token', 'npm token'],
  NPM_ACCESS_TOKEN: ['token', 'npm access token'],
  SLACK_TOKEN: ['token', 'Slack token'],
  IncomingWebhook: ['webhook-url', 'Slack incoming webhook URL'],
  BasicAuth: ['password', 'user:password in a URL'],
  OPENAI_TOKEN: ['api-key', 'OpenAI API key'],
  ANTHROPIC_API_KEY: ['api-key', 'Anthropic API key'],
  LINEAR_API_TOKEN: ['api-key', 'Linear API key'],
  PrivateKey: ['private-key', 'private key'],
  SENDGRID_KEY: ['api-key', 'SendGrid API key'],
  SHOPIFY_KEY: ['api-key', 'Shopify token'],
  GITHUB_TOKEN: ['token', 'GitHub token'],
  OPS_TOKEN: ['token', '1Password service account token'],
  MongoDBConnection: ['connection-string-password', 'MongoDB connection string with a password'],
  MySQLConnection: ['connection-string-password', 'MySQL connection string with a password'],
  PostgreSQLConnection: ['connection-string-password', 'PostgreSQL connection string with a password'],
};

/** Literals worth handing to secretlint hold a run of this many token-ish characters (every known format does). */
const MIN_RUN = 16;
const MIN_PIECE = 12;
/** Between two pieces: breaks words, lines and URLs; no preset pattern spans it meaningfully. */
const SEPARATOR = '\n\u0000\n';

interface RawReport { messageId: string; range: readonly [number, number] }

interface Scanner { file(source: unknown): unknown }

/** Reports arriving outside a scan (a rule that reports late) are dropped. */
const DISCARD: RawReport[] = [];
let sink: RawReport[] = DISCARD;
let scanners: Scanner[] | undefined;

function getScanners(): Scanner[] {
  if (scanners) return scanners;
  const list: Scanner[] = [];
  const context = {
    // Messages are never rendered: the translator returns the message id alone, so a value
    // passed to it as data never reaches a string.
    createTranslator: () => (messageId: string) => messageId,
    report: (d: { message: unknown; range: readonly [number, number] }) => {
      if (sink === DISCARD) return;
      sink.push({ messageId: typeof d.message === 'string' ? d.message : String((d.message as { message?: string })?.message ?? ''), range: d.range });
    },
    ignore: () => undefined,
    registerRule: () => undefined,
    sharedOptions: {},
    locale: 'en',
  };
  // Loaded on the first file with a candidate (it costs start-up time for every run otherwise).
  const presetRules = (require('@secretlint/secretlint-rule-preset-recommend') as typeof Preset).rules;
  for (const creator of presetRules as unknown as { meta: { id: string; type?: string }; create(ctx: unknown, options: unknown): Scanner }[]) {
    if (creator.meta.id.endsWith('filter-comments')) continue;
    try {
      list.push(creator.create(context, {}));
    } catch {
      // A rule that cannot start is skipped; the others still run.
    }
  }
  scanners = list;
  return list;
}

interface Piece { context: RuleContext; flat: FlatLiteral; ref: LiteralRef; flatStart: number; start: number; end: number }

export const knownSecretFormat: LintRule = {
  id: 'known-secret-format',
  description: 'A string literal holds a token in a known format (cloud keys, GitHub/npm/Slack tokens, private keys…).',
  docs: [
    'A string literal anywhere in the flow contains a credential in a recognisable format: AWS secret keys, GitHub, npm, Slack, OpenAI, Anthropic, Linear, SendGrid, Shopify and 1Password tokens, Slack incoming webhooks, PEM private keys, `user:password@` URLs and MongoDB/MySQL/PostgreSQL URIs with a password. Detection uses the maintained rules of secretlint\'s recommended preset.',
    '',
    'Example:',
    '```',
    "SET GitHubToken TO $'''ghp_…'''",
    '```',
    'Fix: revoke the token (it has been exposed), store the new one in Azure Key Vault, and read it with a **Get credential** action or the Key Vault connector.',
  ].join('\n'),
  defaultSeverity: 'error',
  fixable: true,
  priority: 90,
  check(context: RuleContext): void {
    checkUnits([context]);
  },
  checkAll(contexts: readonly RuleContext[]): void {
    checkUnits(contexts);
  },
};

/**
 * The candidate pieces of every unit are joined into one source and every preset rule runs once
 * over it (a call costs far more than the text it reads), then each match is reported to its unit.
 */
function checkUnits(contexts: readonly RuleContext[]): void {
  const pieces: Piece[] = [];
  let content = '';
  for (const context of contexts) {
    const source = context.text;
    for (const ref of context.literals()) {
      const lit = ref.literal;
      const { start, end } = lit.contentRange;
      if (end - start < MIN_RUN || !mayHoldToken(source, start, end)) continue;
      const flat = context.flat(lit);
      const text = flat.text;
      let from = 0;
      while (from <= text.length) {
        let to = text.indexOf(HOLE, from);
        if (to < 0) to = text.length;
        if (to - from >= MIN_PIECE) {
          if (content.length > 0) content += SEPARATOR;
          pieces.push({ context, flat, ref, flatStart: from, start: content.length, end: content.length + (to - from) });
          content += text.slice(from, to);
        }
        from = to + 1;
      }
    }
  }
  if (pieces.length === 0) return;
  const reports = runScanners(content);
  for (const r of reports) {
    const [start, end] = r.range;
    const piece = findPiece(pieces, start);
    if (!piece || end > piece.end || end <= start) continue;
    if (holdsPlaceholder(content.slice(start, end))) continue;
    const [kind, label] = MESSAGES[r.messageId] ?? ['secret', 'secret in a known format'];
    const ref = piece.ref;
    const where = ref.argument ? `argument '${ref.argument.name}' of ${ref.context}` : ref.context === 'SET' ? `variable '${ref.owner}'` : `'${ref.owner}' of ${ref.context}`;
    piece.context.report({
      range: piece.flat.rangeOf(piece.flatStart + (start - piece.start), piece.flatStart + (end - piece.start)),
      literalRange: ref.literal.range,
      kind,
      placement: ref.whole && start === piece.start && end === piece.end && !piece.flat.dynamic ? (ref.context === 'SET' ? 'set' : 'argument') : 'embedded',
      message: `Possible ${label} in ${where}. Revoke it, keep the new one in a vault and read it with a Get credential action.`,
      context: ref.context,
      argument: ref.argument?.name ?? ref.owner,
      statement: ref.statement,
    });
  }
}

const URL_PASSWORD = /^[a-z][a-z0-9+.-]*:\/\/[^\s:@/]*:([^\s@/]*)@/i;

/** A match that is a placeholder, or a URL whose user:password@ password is one (`https://u:changeme@host`). */
function holdsPlaceholder(match: string): boolean {
  const url = URL_PASSWORD.exec(match);
  return isPlaceholder(url ? url[1] : match);
}

function runScanners(content: string): RawReport[] {
  const list = getScanners();
  const out: RawReport[] = [];
  sink = out;
  try {
    const source = { content, filePath: undefined, ext: '.txt', contentType: 'text' };
    for (const scanner of list) {
      try {
        const result = scanner.file(source);
        if (result && typeof (result as Promise<unknown>).then === 'function') (result as Promise<unknown>).catch(() => undefined);
      } catch {
        // One failing secretlint rule does not stop the others.
      }
    }
  } finally {
    sink = DISCARD;
  }
  return out;
}

function findPiece(pieces: readonly Piece[], offset: number): Piece | undefined {
  let lo = 0;
  let hi = pieces.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (pieces[mid].start <= offset) lo = mid; else hi = mid - 1;
  }
  const p = pieces[lo];
  return p && offset >= p.start && offset < p.end ? p : undefined;
}

/** Token characters: `[A-Za-z0-9_+/=.:@-]`. */
const TOKEN_CHAR = new Uint8Array(128);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_+/=.:@-') TOKEN_CHAR[c.charCodeAt(0)] = 1;

/**
 * The cheap test for "could hold a known format", on the literal's source characters: a run of
 * MIN_RUN token characters with a digit in it (random keys and tokens, and the base64 body of a
 * PEM key, virtually always have one), or a URL (webhooks, user:password@ and database URIs). A plain loop over the
 * source, no allocation, no regex backtracking.
 */
function mayHoldToken(text: string, start: number, end: number): boolean {
  let run = 0;
  let digit = false;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c < 128 && TOKEN_CHAR[c] === 1) {
      run++;
      if (c >= 48 && c <= 57) digit = true;
      else if (c === 58 && text.charCodeAt(i + 1) === 47 && text.charCodeAt(i + 2) === 47) return true; // `://`
      if (digit && run >= MIN_RUN) return true;
    } else {
      run = 0;
      digit = false;
    }
  }
  return false;
}
