#!/usr/bin/env node
/**
 * `npm run fake-azure -- [--scenario FILE] [--port N] [--quiet]`
 *
 * Starts the fake cloud in the foreground. The FIRST line on stdout is one JSON object with everything a
 * client needs (proxyUrl, caCertPath, the demo service principal, clouds); request lines (method, host,
 * path, status; never bodies or tokens) go to stderr. Stops on SIGINT / SIGTERM.
 */
import { startFakeAzure } from './index';

interface Args {
  scenario?: string;
  port?: number;
  quiet: boolean;
}

function parseArgs(argv: string[]): Args {
  const out: Args = { quiet: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = (): string => {
      const eq = a.indexOf('=');
      if (eq >= 0) return a.slice(eq + 1);
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--scenario' || a.startsWith('--scenario=')) out.scenario = value();
    else if (a === '--port' || a.startsWith('--port=')) {
      const p = Number(value());
      if (!Number.isInteger(p) || p < 0 || p > 65535) throw new Error(`Invalid --port`);
      out.port = p;
    } else if (a === '--quiet' || a === '-q') out.quiet = true;
    else if (a === '--help' || a === '-h') {
      process.stderr.write('Usage: fake-azure [--scenario FILE] [--port N] [--quiet]\n');
      process.exit(0);
    } else throw new Error(`Unknown argument ${a}`);
  }
  return out;
}

async function main(): Promise<void> {
  let args: Args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`fake-azure: ${(e as Error).message}\n`);
    process.exit(2);
  }
  const fake = await startFakeAzure({ scenario: args.scenario, port: args.port, log: !args.quiet });
  const c = fake.credentials;
  const info = {
    proxyUrl: fake.proxyUrl,
    caCertPath: fake.caCertPath,
    tenantId: c.tenantId,
    clientId: c.clientId,
    clientSecret: c.clientSecret,
    certificatePath: c.certificatePath,
    objectId: c.objectId,
    subscriptionId: c.subscriptionId,
    clouds: fake.clouds,
    env: fake.env,
    scenario: fake.state.scenarioName,
    pid: process.pid,
  };
  process.stdout.write(JSON.stringify(info) + '\n');
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`[fake-azure] ${signal}: stopping\n`);
    fake.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((e: unknown) => {
  process.stderr.write(`fake-azure failed to start: ${(e as Error).message}\n`);
  process.exit(1);
});
