/** Command-line parsing with node:util `parseArgs`. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { formatNames } from './formatters';
import { parseConcurrency } from './parallel';

export class UsageError extends Error {}

export interface LintOptions {
  readonly paths: string[];
  readonly format: string;
  readonly output?: string;
  readonly config?: string;
  readonly baseline?: string;
  readonly useBaseline: boolean;
  readonly writeBaseline: boolean;
  readonly maxWarnings?: number;
  readonly quiet: boolean;
  /** Undefined: decide from the terminal. */
  readonly color?: boolean;
  readonly progress: boolean;
  /** Threads to lint with; undefined: `auto` (one per core for a large tree). */
  readonly concurrency?: number;
  readonly help: boolean;
}

/**
 * Parses a command's arguments strictly, positionals allowed; a mistake becomes a UsageError in
 * Node's words, without its hint about `--`.
 */
export function parseCommandArgs<O extends NonNullable<ParseArgsConfig['options']>>(args: readonly string[], options: O) {
  try {
    return parseArgs({ args: [...args], allowPositionals: true, strict: true, options });
  } catch (e) {
    throw new UsageError((e as Error).message.replace(/\. To specify a positional argument.*$/s, '.'));
  }
}

/** Which of two opposite flags came last (`--color --no-color` means no colour). */
export function lastOf(args: readonly string[], yes: string, no: string): boolean | undefined {
  let result: boolean | undefined;
  for (const a of args) {
    if (a === '--') break;
    if (a === yes) result = true;
    else if (a === no) result = false;
  }
  return result;
}

/**
 * The lint command's options. `env` supplies FLOW_VAULT_CONCURRENCY, which `--concurrency`
 * overrides.
 */
export function parseLintArgs(args: readonly string[], env: NodeJS.ProcessEnv = {}): LintOptions {
  const parsed = parseCommandArgs(args, {
    format: { type: 'string', short: 'f' },
    output: { type: 'string', short: 'o' },
    config: { type: 'string', short: 'c' },
    baseline: { type: 'string', short: 'b' },
    'no-baseline': { type: 'boolean' },
    'write-baseline': { type: 'boolean' },
    'max-warnings': { type: 'string' },
    quiet: { type: 'boolean', short: 'q' },
    color: { type: 'boolean' },
    'no-color': { type: 'boolean' },
    progress: { type: 'boolean' },
    'no-progress': { type: 'boolean' },
    concurrency: { type: 'string', short: 'j' },
    help: { type: 'boolean', short: 'h' },
  });
  const v = parsed.values;
  const format = v.format ?? 'stylish';
  if (!formatNames.includes(format)) {
    throw new UsageError(`Unknown format "${format}". Use one of: ${formatNames.join(', ')}.`);
  }
  let maxWarnings: number | undefined;
  if (v['max-warnings'] !== undefined) {
    const raw = v['max-warnings'];
    if (!/^\d+$/.test(raw)) throw new UsageError(`--max-warnings takes a whole number of 0 or more, not "${raw}".`);
    maxWarnings = Number(raw);
  }
  if (v['no-baseline'] && v['write-baseline']) {
    throw new UsageError('--write-baseline and --no-baseline cannot be used together.');
  }
  if (v['no-baseline'] && v.baseline !== undefined) {
    throw new UsageError('--baseline and --no-baseline cannot be used together.');
  }
  let concurrency: number | undefined;
  if (v.concurrency !== undefined) {
    const c = parseConcurrency(v.concurrency === '' ? '-' : v.concurrency);
    if ('error' in c) throw new UsageError(`--concurrency ${c.error}.`);
    concurrency = c.threads;
  } else {
    const c = parseConcurrency(env.FLOW_VAULT_CONCURRENCY);
    if ('error' in c) throw new UsageError(`FLOW_VAULT_CONCURRENCY ${c.error}.`);
    concurrency = c.threads;
  }
  for (const key of ['output', 'config', 'baseline'] as const) {
    if (v[key] === '') throw new UsageError(`--${key} needs a file name.`);
  }
  return {
    paths: parsed.positionals,
    format,
    output: v.output,
    config: v.config,
    baseline: v.baseline,
    useBaseline: !v['no-baseline'],
    writeBaseline: v['write-baseline'] === true,
    maxWarnings,
    quiet: v.quiet === true,
    color: lastOf(args, '--color', '--no-color'),
    progress: lastOf(args, '--progress', '--no-progress') ?? true,
    concurrency,
    help: v.help === true,
  };
}
