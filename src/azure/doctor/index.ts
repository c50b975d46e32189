/** The doctor's gathering: the facts of one run, read with the signed-in account, and the report. */
import { runChecks } from '../../core/doctor/checks';
import { createReport, type DoctorReport } from '../../core/doctor/report';
import type { DoctorOptions } from '../../core/doctor/options';
import { gatherDoctorFacts, type DoctorRequest, type GatheredDoctorRun } from './gatherDoctorFacts';

export { gatherDoctorFacts, listDoctorEnvironments, cloudFacts, type DoctorRequest, type CredentialRequest, type GatheredDoctorRun } from './gatherDoctorFacts';
export { chooseEnvironment, isEnvironmentUrl } from './environmentChoice';
export { gatherLocalFacts, thisSystem, probeEndpoint, describeEnvironmentProxy, DEFAULT_LOCAL_TIMEOUTS, type LocalSystem, type LocalTimeouts } from './localMachine';
export { settle } from './settle';

/** Gathers, checks and reports: what the CLI and the editor run. */
export async function runDoctor(request: DoctorRequest, options: Partial<DoctorOptions> = {}): Promise<DoctorReport & { run: GatheredDoctorRun }> {
  const run = await gatherDoctorFacts(request);
  const report = createReport(run.context, runChecks(run.facts, options));
  return { ...report, run };
}
