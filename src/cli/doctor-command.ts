/**
 * `flow-vault doctor`: checks machine registration and every prerequisite of the Key Vault
 * credentials that flows use. Exit codes: 0 nothing failed, 1 a check failed, 2 usage, sign-in
 * or environment choice problems.
 */
import { runDoctor, type CredentialRequest } from '../azure/doctor';
import { formatJson, formatMarkdown, formatText } from '../core/doctor/reportFormats';
import { UsageError } from './args';
import { createColors, shouldColor } from './color';
import { parseDoctorArgs, type DoctorOptions } from './doctor-args';
import { credentialsOfFlows } from './doctor-flows';
import { accountFromEnvironment, checkSignIn } from './doctor-signin';
import type { Io } from './io';
import { DOCTOR_USAGE } from './usage';

function credentialsToCheck(options: DoctorOptions, io: Io): { credentials: readonly CredentialRequest[] | 'all'; error?: string; notice?: string } {
  const named: CredentialRequest[] = options.credentials.map((name) => ({ name }));
  if (options.paths.length === 0 && named.length > 0) return { credentials: named };
  const flows = credentialsOfFlows(options.paths, io.cwd);
  if (options.paths.length > 0 && flows.problems.length > 0) return { credentials: [], error: flows.problems.join('\n') };
  const merged = new Map<string, CredentialRequest>();
  for (const c of [...flows.credentials, ...named]) {
    const key = c.name.toLowerCase();
    const prior = merged.get(key);
    merged.set(key, prior ? { name: prior.name, usedIn: [...(prior.usedIn ?? []), ...(c.usedIn ?? [])] } : c);
  }
  if (merged.size > 0) return { credentials: [...merged.values()] };
  if (options.paths.length > 0) {
    return { credentials: [], notice: `No Get credential action names a credential in the ${flows.filesRead} flow file(s) read; checking the environment and the machine only.` };
  }
  return { credentials: 'all', notice: 'No flows here name a credential; checking every credential of the environment.' };
}

export async function doctorCommand(args: readonly string[], io: Io): Promise<number> {
  let options: DoctorOptions;
  try {
    options = parseDoctorArgs(args);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr.write(`flow-vault doctor: ${e.message}\n\n${DOCTOR_USAGE}`);
      return 2;
    }
    throw e;
  }
  if (options.help) {
    io.stdout.write(DOCTOR_USAGE);
    return 0;
  }
  const signIn = accountFromEnvironment(io.env, options.cloud);
  if ('error' in signIn) {
    io.stderr.write(`flow-vault doctor: ${signIn.error}\n`);
    return 2;
  }
  const chosen = credentialsToCheck(options, io);
  if (chosen.error) {
    io.stderr.write(`flow-vault doctor: ${chosen.error}\n`);
    return 2;
  }
  const tenantId = options.tenant ?? signIn.tenantId;
  const signInProblem = await checkSignIn({ ...signIn, tenantId }, Math.max(30, options.timeoutSeconds) * 1000);
  if (signInProblem) {
    io.stderr.write(`flow-vault doctor: ${signInProblem}\n`);
    return 2;
  }
  if (chosen.notice) io.stderr.write(`flow-vault doctor: ${chosen.notice}\n`);
  const report = await runDoctor({
    account: signIn.account,
    tenantId,
    environment: options.environment,
    machine: options.machine,
    credentials: chosen.credentials,
    azureTimeoutMs: options.timeoutSeconds * 1000,
  });
  if (report.run.environmentChoiceProblem) {
    io.stderr.write(`flow-vault doctor: ${report.run.environmentChoiceProblem}\n`);
    return 2;
  }
  if (options.format === 'json') io.stdout.write(formatJson(report));
  else if (options.format === 'markdown') io.stdout.write(formatMarkdown(report));
  else io.stdout.write(formatText(report, createColors(options.color ?? shouldColor(io.stdout, io.env))));
  return report.summary.fail > 0 ? 1 : 0;
}
