/**
 * The arguments of `flowVault.moveToKeyVault`, as ESLint's commands take them: either
 * `(uri, findingRef, options)` like the other fix commands, or one object
 *
 *   { document, range | finding | fingerprint, environment, vault, secretName, credentialName, userName }
 *
 * With `environment` and `vault` given, the command asks nothing: the other values come from
 * the arguments or, when left out, from the same suggestions the prompts would offer.
 */

export interface MoveArgs {
  /** Environment: its id, organization id, URL, unique name (`contoso-rpa`) or display name. */
  readonly environment?: string;
  /** Vault: its name, ARM id or URI. */
  readonly vault?: string;
  readonly secretName?: string;
  readonly credentialName?: string;
  readonly userName?: string;
  /** Do not show notifications (tests, scripts): the result says what happened. */
  readonly silent?: boolean;
}

export interface MoveCall {
  readonly uri?: unknown;
  readonly ref?: unknown;
  readonly args: MoveArgs;
  /** True when the caller gave the choices: no prompt is shown. */
  readonly scripted: boolean;
}

const STRING_KEYS = ['environment', 'vault', 'secretName', 'credentialName', 'userName'] as const;

function options(v: unknown): MoveArgs {
  if (!v || typeof v !== 'object') return {};
  const o = v as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k of STRING_KEYS) if (typeof o[k] === 'string') out[k] = (o[k] as string).trim();
  if (o.silent === true) out.silent = true;
  return out as MoveArgs;
}

/** Reads either calling convention. */
export function parseMoveCall(a?: unknown, b?: unknown, c?: unknown): MoveCall {
  const isOptionsObject = (v: unknown): v is Record<string, unknown> =>
    !!v && typeof v === 'object' && !('scheme' in v) && ('document' in v || 'environment' in v || 'vault' in v || 'uri' in v);
  if (isOptionsObject(a)) {
    const args = options(a);
    const ref = a.finding ?? a.fingerprint ?? a.range ?? a.position;
    return { uri: a.document ?? a.uri, ref, args, scripted: isScripted(args) };
  }
  const args = options(c);
  return { uri: a, ref: b, args, scripted: isScripted(args) };
}

function isScripted(args: MoveArgs): boolean {
  return args.environment !== undefined && args.vault !== undefined;
}
