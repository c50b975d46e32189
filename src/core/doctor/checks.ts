/** All the doctor's checks over one run's facts. */
import { credentialChecks } from './credentialChecks';
import { environmentChecks } from './environmentChecks';
import type { DoctorFacts } from './facts';
import { localChecks } from './localChecks';
import { machineChecks } from './machineChecks';
import { DEFAULT_DOCTOR_OPTIONS, type DoctorOptions } from './options';
import { orderChecks } from './report';
import type { DoctorCheck } from './types';

export function runChecks(facts: DoctorFacts, options: Partial<DoctorOptions> = {}): DoctorCheck[] {
  const o = { ...DEFAULT_DOCTOR_OPTIONS, ...options };
  return orderChecks([...environmentChecks(facts), ...machineChecks(facts, o), ...localChecks(facts), ...credentialChecks(facts, o)]);
}
