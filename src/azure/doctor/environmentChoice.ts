/** Which Power Platform environment the doctor checks: named by URL or by name, or the only one. */
import type { DataverseEnvironmentInfo } from '../dataverse/types';
import { DoctorReadError } from './settle';

function hostOf(url: string): string | undefined {
  try {
    return new URL(/^https?:\/\//i.test(url) ? url : `https://${url}`).hostname.toLowerCase();
  } catch {
    return undefined;
  }
}

/** Whether `wanted` looks like a URL or host name rather than a display name. */
export function isEnvironmentUrl(wanted: string): boolean {
  return /^https?:\/\//i.test(wanted.trim()) || /^[a-z0-9-]+(\.[a-z0-9-]+){2,}\/?$/i.test(wanted.trim());
}

/**
 * The environment `wanted` names (its URL or host, its display name, its URL name or its id, in
 * any case), or the only environment when `wanted` is undefined. Throws with the names to choose from.
 */
export function chooseEnvironment(environments: readonly DataverseEnvironmentInfo[], wanted: string | undefined): DataverseEnvironmentInfo {
  const names = environments.map((e) => `${e.friendlyName} (${e.url})`);
  const choices = names.length ? ` Environments you can see: ${names.join('; ')}.` : ' You can see no environment in this tenant.';
  if (wanted === undefined || wanted.trim() === '') {
    if (environments.length === 1) return environments[0];
    throw new DoctorReadError(`Choose an environment with --environment URL or name.${choices}`);
  }
  const w = wanted.trim();
  let found: DataverseEnvironmentInfo | undefined;
  if (isEnvironmentUrl(w)) {
    const host = hostOf(w);
    found = environments.find((e) => hostOf(e.url) === host || hostOf(e.apiUrl) === host);
  } else {
    const lower = w.toLowerCase();
    found =
      environments.find((e) => e.friendlyName.toLowerCase() === lower) ??
      environments.find((e) => e.urlName.toLowerCase() === lower || e.environmentId.toLowerCase() === lower || e.organizationId === lower);
  }
  if (!found) throw new DoctorReadError(`No environment "${w}" among those the signed-in identity can see.${choices}`);
  return found;
}
