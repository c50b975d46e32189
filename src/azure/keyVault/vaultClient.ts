/**
 * One vault's secrets, seen by one account: list (a page at a time), versions, read a value (for an
 * explicit, confirmed copy only), set a new version, create, enable or disable. Every failure is
 * thrown as a classified AzureProblemError; no method logs, and values go only to the caller.
 */
import type { SecretClient, SecretProperties } from '@azure/keyvault-secrets';
import type { AzureAccount } from '../auth/accounts';
import { createSecretClient, type AzureClientOptions } from '../clients';
import { AzureProblemError, classified, classifyAzureError, type AzureOperation, type ProblemContext, type VaultFacts } from '../errors';
import { takePage, throwIfAborted, type Page, type PageOptions } from '../paging';
import { tenantLabel, type TenantInfo, type VaultInfo } from '../resources';
import { validateSecretName } from './references';
import { pageCapturePolicy, withPageCapture } from './pageCapture';

export interface SecretInfo {
  /** `https://{vault}/secrets/{name}` for a secret, `…/{version}` for a version. */
  readonly id: string;
  readonly name: string;
  readonly vaultUrl: string;
  readonly version?: string;
  readonly enabled?: boolean;
  readonly notBefore?: Date;
  readonly expiresOn?: Date;
  readonly createdOn?: Date;
  readonly updatedOn?: Date;
  readonly contentType?: string;
  readonly tags?: Readonly<Record<string, string>>;
  /** Managed by Key Vault (the secret behind a certificate). */
  readonly managed?: boolean;
}

export function toSecretInfo(p: SecretProperties): SecretInfo {
  return {
    id: p.id ?? `${p.vaultUrl}/secrets/${p.name}${p.version ? `/${p.version}` : ''}`,
    name: p.name,
    vaultUrl: p.vaultUrl,
    version: p.version || undefined,
    enabled: p.enabled,
    notBefore: p.notBefore,
    expiresOn: p.expiresOn,
    createdOn: p.createdOn,
    updatedOn: p.updatedOn,
    contentType: p.contentType,
    tags: p.tags,
    managed: p.managed,
  };
}

/** How long a delete waits for Key Vault to confirm it. */
const DELETE_CONFIRM_MS = 30_000;

export interface DeletedSecretInfo {
  readonly name: string;
  /** Soft-deleted: recoverable (and the name taken) until purged or `scheduledPurgeDate`. */
  readonly recoverable: boolean;
  readonly scheduledPurgeDate?: Date;
  /** Whether the vault allows purging it now (no purge protection). */
  readonly purgeable: boolean;
}

export interface WriteOptions {
  readonly contentType?: string;
  readonly tags?: Record<string, string>;
  readonly enabled?: boolean;
  readonly notBefore?: Date;
  readonly expiresOn?: Date;
  readonly signal?: AbortSignal;
}

export function vaultFacts(vault: VaultInfo): VaultFacts {
  return {
    name: vault.name,
    rbac: vault.rbac,
    publicNetworkAccess: vault.publicNetworkAccess,
    firewallDefaultAction: vault.firewallDefaultAction,
    hasPrivateEndpoints: vault.hasPrivateEndpoints,
  };
}

/** The newest of several versions, by creation time (then update time). */
export function newestVersion(versions: readonly SecretInfo[]): SecretInfo | undefined {
  let best: SecretInfo | undefined;
  for (const v of versions) {
    if (!best) {
      best = v;
      continue;
    }
    const a = v.createdOn?.getTime() ?? 0;
    const b = best.createdOn?.getTime() ?? 0;
    if (a > b || (a === b && (v.updatedOn?.getTime() ?? 0) > (best.updatedOn?.getTime() ?? 0))) best = v;
  }
  return best;
}

/** One page through the capture policy (see pageCapture.ts: the SDK drops the page's nextLink). */
async function capturedPage(options: PageOptions, pager: () => Parameters<typeof takePage<SecretProperties, SecretInfo>>[0]): Promise<Page<SecretInfo>> {
  const { result, nextLink } = await withPageCapture(options.signal, () => takePage(pager(), options, toSecretInfo, () => undefined));
  return { items: result.items, continuationToken: nextLink };
}

export class VaultClient {
  private readonly client: SecretClient;

  constructor(
    readonly account: AzureAccount,
    readonly tenant: TenantInfo,
    readonly vault: VaultInfo,
    clientOptions?: AzureClientOptions,
  ) {
    this.client = createSecretClient(account, tenant.tenantId, vault.vaultUri, {
      ...clientOptions,
      additionalPolicies: [...(clientOptions?.additionalPolicies ?? []), { policy: pageCapturePolicy, position: 'perRetry' }],
    });
  }

  private ctx(operation: AzureOperation, secretName?: string, sensitiveValues?: string[]): ProblemContext {
    return {
      operation,
      tenant: { id: this.tenant.tenantId, name: tenantLabel(this.tenant) },
      vault: vaultFacts(this.vault),
      secretName,
      identity: this.account.identity,
      accountKind: this.account.kind,
      sensitiveValues,
    };
  }

  private run<T>(ctx: ProblemContext, fn: () => Promise<T>): Promise<T> {
    return classified(ctx, fn);
  }

  /** One page of the vault's secrets (latest version's attributes; no values). */
  listSecretsPage(options: PageOptions = {}): Promise<Page<SecretInfo>> {
    return this.run(this.ctx('listSecrets'), () =>
      capturedPage(options, () => this.client.listPropertiesOfSecrets({ abortSignal: options.signal })),
    );
  }

  /** One page of a secret's versions (no values). */
  listVersionsPage(secretName: string, options: PageOptions = {}): Promise<Page<SecretInfo>> {
    return this.run(this.ctx('listVersions', secretName), () =>
      capturedPage(options, () => this.client.listPropertiesOfSecretVersions(secretName, { abortSignal: options.signal })),
    );
  }

  /** Every version of a secret (all pages). */
  async listAllVersions(secretName: string, signal?: AbortSignal): Promise<SecretInfo[]> {
    const out: SecretInfo[] = [];
    let token: string | undefined;
    do {
      const page = await this.listVersionsPage(secretName, { continuationToken: token, signal });
      out.push(...page.items);
      token = page.continuationToken;
    } while (token);
    return out;
  }

  /** The current version's properties, found without reading the value. */
  async latestVersion(secretName: string, signal?: AbortSignal): Promise<SecretInfo | undefined> {
    return newestVersion(await this.listAllVersions(secretName, signal));
  }

  /**
   * The value of a secret (latest, or one version). Only for an explicit, confirmed user action
   * (copy value); the caller must not log, show or keep it.
   */
  getSecretValue(secretName: string, version?: string, signal?: AbortSignal): Promise<string> {
    return this.run(this.ctx('getSecretValue', secretName), async () => {
      const s = await this.client.getSecret(secretName, { version, abortSignal: signal });
      return s.value ?? '';
    });
  }

  /**
   * Sets a new version of an existing secret. The content type and tags of the current version are
   * kept unless given (they belong to a version in Key Vault, so a bare PUT would drop them).
   */
  async setSecretValue(secretName: string, value: string, options: WriteOptions = {}): Promise<SecretInfo> {
    const nameProblem = validateSecretName(secretName);
    if (nameProblem) throw new Error(nameProblem);
    const current = await this.latestVersion(secretName, options.signal);
    return this.run(this.ctx('setSecret', secretName, [value]), async () => {
      throwIfAborted(options.signal);
      const s = await this.client.setSecret(secretName, value, {
        contentType: options.contentType ?? current?.contentType,
        tags: options.tags ?? (current?.tags ? { ...current.tags } : undefined),
        enabled: options.enabled,
        notBefore: options.notBefore,
        expiresOn: options.expiresOn,
        abortSignal: options.signal,
      });
      return toSecretInfo(s.properties);
    });
  }

  /** Creates a secret; refuses when a secret of that name exists (that would be a new version). */
  async createSecret(secretName: string, value: string, options: WriteOptions = {}): Promise<SecretInfo> {
    const nameProblem = validateSecretName(secretName);
    if (nameProblem) throw new Error(nameProblem);
    if (await this.exists(secretName, options.signal)) {
      throw new AzureProblemError({
        kind: 'unknown',
        title: `Secret ${secretName} already exists`,
        message: `Vault ${this.vault.name} already has a secret named ${secretName}: pick another name, or use "Set New Version" on it.`,
        actions: [],
        code: 'SecretExists',
      });
    }
    return this.run(this.ctx('createSecret', secretName, [value]), async () => {
      const s = await this.client.setSecret(secretName, value, {
        contentType: options.contentType,
        tags: options.tags,
        enabled: options.enabled,
        notBefore: options.notBefore,
        expiresOn: options.expiresOn,
        abortSignal: options.signal,
      });
      return toSecretInfo(s.properties);
    });
  }

  /** Whether a (non-deleted) secret of that name exists. */
  async exists(secretName: string, signal?: AbortSignal): Promise<boolean> {
    try {
      const page = await this.listVersionsPage(secretName, { signal, pageSize: 1 });
      return page.items.length > 0;
    } catch (e) {
      if (e instanceof AzureProblemError && e.problem.kind === 'notFound') return false;
      throw e;
    }
  }

  /**
   * Deletes a secret (every version) and waits until Key Vault has done so. On a vault with soft
   * delete the secret stays recoverable, and its name taken, until it is purged or the retention
   * period ends: `recoverable` says so.
   */
  deleteSecret(secretName: string, signal?: AbortSignal): Promise<DeletedSecretInfo> {
    // The SDK's poller keeps polling through some failures (a token it cannot get): bound the wait.
    const limit = AbortSignal.timeout(DELETE_CONFIRM_MS);
    const both = signal ? AbortSignal.any([signal, limit]) : limit;
    return this.run(this.ctx('deleteSecret', secretName), async () => {
      try {
        return await this.deleteAndWait(secretName, both);
      } catch (e) {
        if (!limit.aborted || signal?.aborted) throw e;
        throw new AzureProblemError({
          kind: 'unknown',
          title: 'Key Vault did not confirm the deletion',
          message: `Vault ${this.vault.name} did not confirm within ${DELETE_CONFIRM_MS / 1000} s that secret ${secretName} was deleted: check it in the Key Vault view.`,
          actions: ['retry'],
        });
      }
    });
  }

  private async deleteAndWait(secretName: string, signal: AbortSignal): Promise<DeletedSecretInfo> {
    const poller = await this.client.beginDeleteSecret(secretName, { abortSignal: signal, intervalInMs: 250 });
    const deleted = await poller.pollUntilDone({ abortSignal: signal });
    return {
      name: deleted.name,
      recoverable: deleted.recoveryId !== undefined,
      scheduledPurgeDate: deleted.scheduledPurgeDate,
      purgeable: !deleted.properties.recoveryLevel || /Purgeable/i.test(deleted.properties.recoveryLevel),
    };
  }

  /** Purges a soft-deleted secret for good (refused by a vault with purge protection). */
  purgeDeletedSecret(secretName: string, signal?: AbortSignal): Promise<void> {
    return this.run(this.ctx('purgeSecret', secretName), async () => {
      try {
        await this.client.purgeDeletedSecret(secretName, { abortSignal: signal });
      } catch (e) {
        if (/purge protection/i.test(e instanceof Error ? e.message : '')) {
          throw new AzureProblemError({
            kind: 'permissionDenied',
            title: `Vault ${this.vault.name} has purge protection`,
            message: `Vault ${this.vault.name} has purge protection: deleted secret ${secretName} cannot be purged and is removed when its retention period ends.`,
            actions: [],
            code: 'PurgeProtectionEnabled',
          });
        }
        throw e;
      }
    });
  }

  /** Enables or disables one version; without a version, the current one. */
  async setEnabled(secretName: string, enabled: boolean, version?: string, signal?: AbortSignal): Promise<SecretInfo> {
    const target = version ?? (await this.latestVersion(secretName, signal))?.version;
    if (!target) {
      throw new AzureProblemError(classifyAzureError({ statusCode: 404, code: 'SecretNotFound', message: '' }, this.ctx('updateSecret', secretName)));
    }
    return this.run(this.ctx('updateSecret', secretName), async () =>
      toSecretInfo(await this.client.updateSecretProperties(secretName, target, { enabled, abortSignal: signal })),
    );
  }
}
