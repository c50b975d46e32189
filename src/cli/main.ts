/**
 * `flow-vault`: the command line. `lint` finds hard-coded secrets in desktop flows, `doctor`
 * checks machine registration and credential prerequisites, `rules` lists the rules, `help`
 * explains. Exit codes: 0 clean, 1 findings, 2 usage or read errors.
 */
import { parseArgs } from 'node:util';
import { createColors, shouldColor } from './color';
import { processIo, type Io } from './io';
import { DOCTOR_USAGE, LINT_USAGE, MAIN_USAGE, RULES_USAGE } from './usage';
import { version } from './version';
import { DEBUG_HINT, errorName } from './errors';

const HELP: Readonly<Record<string, string>> = { lint: LINT_USAGE, doctor: DOCTOR_USAGE, rules: RULES_USAGE };

function rulesCommand(args: readonly string[], io: Io): number {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...args],
      strict: true,
      allowPositionals: false,
      options: {
        format: { type: 'string', short: 'f' },
        config: { type: 'string', short: 'c' },
        help: { type: 'boolean', short: 'h' },
        color: { type: 'boolean' },
        'no-color': { type: 'boolean' },
      },
    }));
  } catch (e) {
    io.stderr.write(`flow-vault rules: ${(e as Error).message}\n${RULES_USAGE}`);
    return 2;
  }
  if (values.help) {
    io.stdout.write(RULES_USAGE);
    return 0;
  }
  const format = values.format ?? 'stylish';
  if (format !== 'stylish' && format !== 'json') {
    io.stderr.write(`flow-vault rules: Unknown format "${format}". Use stylish or json.\n`);
    return 2;
  }
  // The engine (and the rules' libraries) is loaded only by the commands that need it.
  const { createEngine } = require('./engine') as typeof import('./engine');
  const engine = createEngine();
  const rules = engine.rules(engine.defaultConfig());
  if (format === 'json') {
    io.stdout.write(JSON.stringify(rules, null, 2) + '\n');
    return 0;
  }
  const color = values['no-color'] ? false : values.color ? true : shouldColor(io.stdout, io.env);
  const c = createColors(color);
  const idWidth = Math.max(...rules.map((r) => r.id.length), 4);
  const lines = rules.map((r) => {
    const sev = r.defaultSeverity.padEnd(7);
    const sevText = r.defaultSeverity === 'error' ? c.red(sev) : r.defaultSeverity === 'warning' ? c.yellow(sev) : c.blue(sev);
    return `${c.bold(r.id.padEnd(idWidth))}  ${sevText}  ${r.fixable ? 'fix' : '   '}  ${r.description}`;
  });
  io.stdout.write(
    [`${'rule'.padEnd(idWidth)}  ${'default'.padEnd(7)}  fix  description`, ...lines, '', `${rules.length} rules. "fix": the editor offers a quick fix.`, ''].join('\n'),
  );
  return 0;
}

export async function main(argv: readonly string[], io: Io = processIo()): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case undefined:
      // No command is a usage error (exit 2), with the usage where it is seen.
      io.stderr.write(MAIN_USAGE);
      return 2;
    case '-h':
    case '--help':
      io.stdout.write(MAIN_USAGE);
      return 0;
    case 'help': {
      const topic = rest[0];
      if (topic === undefined) {
        io.stdout.write(MAIN_USAGE);
        return 0;
      }
      const text = HELP[topic];
      if (!text) {
        io.stderr.write(`flow-vault: No help for "${topic}". Commands: lint, doctor, rules, help.\n`);
        return 2;
      }
      io.stdout.write(text);
      return 0;
    }
    case '-v':
    case '--version':
      io.stdout.write(version() + '\n');
      return 0;
    case 'lint':
      return (require('./lint-command') as typeof import('./lint-command')).lintCommand(rest, io);
    case 'doctor':
      return (require('./doctor-command') as typeof import('./doctor-command')).doctorCommand(rest, io);
    case 'rules':
      return rulesCommand(rest, io);
    default:
      if (command.startsWith('-')) {
        io.stderr.write(`flow-vault: Unknown option "${command}": options go after the command (flow-vault lint ${command} …).\n\n${MAIN_USAGE}`);
      } else {
        io.stderr.write(`flow-vault: Unknown command "${command}". Commands: lint, doctor, rules, help.\n`);
      }
      return 2;
  }
}

/** Entry point of bin/flow-vault.js. */
export function run(argv: readonly string[] = process.argv.slice(2)): void {
  main(argv).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      // An internal error. Its message may quote file content (JSON.parse does), so it is shown
      // only on request.
      process.stderr.write(`flow-vault: internal error (${errorName(e)}). ${DEBUG_HINT}\n`);
      if (process.env.FLOW_VAULT_DEBUG) process.stderr.write(`${(e as Error)?.stack ?? String(e)}\n`);
      process.exitCode = 2;
    },
  );
}

if (require.main === module) run();
