/**
 * How a credential and its parts read in the Credentials view: row descriptions, tooltips, the
 * icon of each health level, and the Key Vault secret a password variable points at. Pure (no
 * vscode), built from record facts only: a credential record holds no secret value, and the
 * password variable holds a reference to a vault secret, never the secret.
 */
import { parseSecretArmPath, type ParsedSecretArmPath } from '../../azure/keyVault/references';
import { CREDENTIAL_CONNECTION_TYPE, ENV_VAR_TYPE, SECRET_STORE, type CredentialRecordFacts, type EnvironmentVariableFacts } from '../../core/credentials/facts';
import type { HealthView } from './backend';
import { md } from '../tree/markdown';

/** Health of a row: not asked yet, being checked, known, or the check itself failed. */
export type HealthState =
  | { readonly state: 'pending' }
  | { readonly state: 'checking' }
  | { readonly state: 'done'; readonly health: HealthView }
  | { readonly state: 'failed'; readonly reason: string };

export interface IconSpec {
  readonly id: string;
  readonly color?: string;
}

export function healthIcon(h: HealthState, active = true): IconSpec {
  if (!active) return { id: 'circle-slash', color: 'disabledForeground' };
  switch (h.state) {
    case 'pending':
    case 'checking':
      return { id: 'loading~spin' };
    case 'failed':
      return { id: 'question', color: 'problemsWarningIcon.foreground' };
    case 'done':
      switch (h.health.level) {
        case 'ok':
          return { id: 'pass', color: 'testing.iconPassed' };
        case 'warning':
          return { id: 'warning', color: 'problemsWarningIcon.foreground' };
        case 'error':
          return { id: 'error', color: 'problemsErrorIcon.foreground' };
        default:
          return { id: 'question', color: 'problemsInfoIcon.foreground' };
      }
  }
}

/** The value an environment uses: the current value, else the default. */
export function effectiveValue(v: EnvironmentVariableFacts | undefined): string | undefined {
  return v?.currentValue ?? v?.defaultValue;
}

/** The user name of a credential: a text variable, not a secret. */
export function userNameOf(c: CredentialRecordFacts): string | undefined {
  const v = c.username;
  if (!v || v.type === ENV_VAR_TYPE.secret) return undefined;
  return effectiveValue(v) || undefined;
}

export type PasswordTarget =
  | { readonly kind: 'keyVault'; readonly ref: ParsedSecretArmPath; readonly path: string }
  | { readonly kind: 'malformed' }
  | { readonly kind: 'notKeyVault'; readonly what: string }
  | { readonly kind: 'missing' };

/** Where a credential's password lives. */
export function passwordTarget(c: CredentialRecordFacts): PasswordTarget {
  const v = c.password;
  if (!v) return { kind: 'missing' };
  if (v.type !== ENV_VAR_TYPE.secret) return { kind: 'notKeyVault', what: 'a text variable, not a secret variable' };
  if (v.secretStore !== undefined && v.secretStore !== SECRET_STORE.azureKeyVault) return { kind: 'notKeyVault', what: 'a secret kept in Dataverse' };
  const path = effectiveValue(v);
  if (!path) return { kind: 'missing' };
  const ref = parseSecretArmPath(path);
  return ref ? { kind: 'keyVault', ref, path: path.trim() } : { kind: 'malformed' };
}

/** A key that names one vault secret, whatever the case of the path (Key Vault names are case-insensitive). */
export function secretKey(subscriptionId: string, resourceGroup: string, vaultName: string, secretName: string): string {
  return `${subscriptionId}/${resourceGroup}/${vaultName}/${secretName}`.toLowerCase();
}

const CONNECTION_TYPE_NAMES: Record<number, string> = {
  [CREDENTIAL_CONNECTION_TYPE.usernamePassword]: 'user name and password',
  [CREDENTIAL_CONNECTION_TYPE.usernamePasswordList]: 'list of user names and passwords',
  [CREDENTIAL_CONNECTION_TYPE.usernamePasswordListWithGroupMapping]: 'list with group mapping',
  [CREDENTIAL_CONNECTION_TYPE.cyberArk]: 'CyberArk',
  [CREDENTIAL_CONNECTION_TYPE.certificate]: 'certificate',
  [CREDENTIAL_CONNECTION_TYPE.machineMapping]: 'machine mapping',
  [CREDENTIAL_CONNECTION_TYPE.connectionReference]: 'connection reference',
};

export function connectionTypeName(code: number | undefined): string | undefined {
  return code === undefined ? undefined : CONNECTION_TYPE_NAMES[code] ?? `type ${code}`;
}

/** The row's description: health first (what people look for), then the user name. */
export function credentialDescription(c: CredentialRecordFacts, h: HealthState): string {
  const parts: string[] = [];
  // The health of an inactive credential says so itself.
  if (!c.active && !(h.state === 'done' && h.health.state === 'credential-inactive')) parts.push('inactive');
  switch (h.state) {
    case 'pending':
    case 'checking':
      parts.push('checking…');
      break;
    case 'failed':
      parts.push('health not known');
      break;
    case 'done':
      parts.push(h.health.summary);
      break;
  }
  const user = userNameOf(c);
  if (user) parts.push(user);
  return parts.join(' · ');
}


/** The row's tooltip, in Markdown: health and why, then what the credential is made of. */
export function credentialTooltip(c: CredentialRecordFacts, environmentName: string, h: HealthState): string {
  const lines: string[] = [`**${md(c.name)}** (credential in ${md(environmentName)})`, ''];
  switch (h.state) {
    case 'pending':
    case 'checking':
      lines.push('Health: checking…');
      break;
    case 'failed':
      lines.push(`Health: not known. ${md(h.reason)}`);
      break;
    case 'done':
      lines.push(`Health: **${md(h.health.summary)}**`);
      for (const line of h.health.detail.split('\n')) lines.push('', line.startsWith('  ') ? `\`${line.trim().replace(/`/g, "'")}\`` : md(line));
      break;
  }
  lines.push('', '| | |', '|---|---|');
  if (!c.active) lines.push('| State | inactive |');
  const type = connectionTypeName(c.connectionType);
  if (type) lines.push(`| Type | ${md(type)} |`);
  const user = userNameOf(c);
  if (c.username) lines.push(`| User name | ${user ? md(user) : '(no value)'} (variable ${md(c.username.schemaName)}) |`);
  const target = passwordTarget(c);
  lines.push(`| Password | ${md(passwordTargetText(target))}${c.password ? ` (variable ${md(c.password.schemaName)})` : ''} |`);
  if (c.description) lines.push(`| Description | ${md(c.description)} |`);
  if (c.modifiedOn) lines.push(`| Modified | ${md(c.modifiedOn.slice(0, 16).replace('T', ' '))} UTC |`);
  lines.push('', '*Secret values are never shown.*');
  return lines.join('\n');
}

export function passwordTargetText(t: PasswordTarget): string {
  switch (t.kind) {
    case 'keyVault':
      return `secret ${t.ref.secretName} in vault ${t.ref.vaultName}`;
    case 'malformed':
      return 'a reference that is not a Key Vault secret path';
    case 'notKeyVault':
      return t.what;
    case 'missing':
      return 'no value';
  }
}

/** Description of a variable row. The user name is shown (not a secret); a secret variable shows where it points. */
export function variableDescription(role: 'username' | 'password', c: CredentialRecordFacts): string {
  if (role === 'username') return userNameOf(c) ?? 'no value';
  const t = passwordTarget(c);
  return t.kind === 'keyVault' ? `Key Vault · ${t.ref.vaultName}` : passwordTargetText(t);
}

/** "N desktop flows · M files" (or "not used"). */
export function usedByDescription(flows: number | undefined, files: number | undefined): string {
  const parts: string[] = [];
  if (flows !== undefined) parts.push(`${flows} desktop flow${flows === 1 ? '' : 's'}`);
  if (files !== undefined) parts.push(`${files} workspace file${files === 1 ? '' : 's'}`);
  if (flows === 0 && files === 0) return 'not used';
  return parts.join(' · ');
}
