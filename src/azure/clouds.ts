/**
 * The Azure clouds Flow Vault can talk to, and every endpoint it uses in each.
 *
 * Endpoints come only from this table: a setting names a cloud, never a host, so a workspace
 * cannot send a token anywhere (see DESIGN.md, "Rules that hold everywhere").
 * Sources: `@azure/identity` AzureAuthorityHosts, `@azure/ms-rest-azure-env` 2.0.0, `@azure/arm-keyvault`
 * getArmEndpoint (reference/azure-apis.md §2.5).
 */

export type AzureCloudName = 'AzureCloud' | 'AzureChinaCloud' | 'AzureUSGovernment';

export interface AzureCloud {
  readonly name: AzureCloudName;
  /** For people: "Azure (public)", "Azure China (21Vianet)", "Azure US Government". */
  readonly displayName: string;
  /** Entra ID authority host, e.g. `https://login.microsoftonline.com`. */
  readonly authorityHost: string;
  /** Azure Resource Manager endpoint, no trailing slash. */
  readonly resourceManagerEndpoint: string;
  /** Scope of an ARM token. */
  readonly resourceManagerScope: string;
  /** Key Vault DNS suffix with its leading dot, e.g. `.vault.azure.net`. */
  readonly keyVaultDnsSuffix: string;
  /** Scope of a Key Vault data-plane token. */
  readonly keyVaultScope: string;
  /** The Azure portal for this cloud, no trailing slash. */
  readonly portalUrl: string;
  /** VS Code's authentication provider for this cloud. */
  readonly vscodeAuthProviderId: 'microsoft' | 'microsoft-sovereign-cloud';
  /** Value of VS Code's `microsoft-sovereign-cloud.environment` setting for this cloud. */
  readonly vscodeSovereignEnvironment?: 'ChinaCloud' | 'USGovernment';
  /** `cloudSetting` of the modular ARM clients (`@azure/arm-keyvault` 5). */
  readonly armCloudSetting: 'AZURE_PUBLIC_CLOUD' | 'AZURE_CHINA_CLOUD' | 'AZURE_US_GOVERNMENT';
  /** Whether Power Automate Key Vault-backed credentials exist in this cloud (azure-apis.md §2.1). */
  readonly supportsPowerAutomateCredentials: boolean;
  /** Dataverse Global Discovery Service, no trailing slash; also its token audience (azure-apis.md §2.5). */
  readonly globalDiscoveryUrl: string;
  /** Host names of Dataverse environments (organizations) in this cloud. */
  readonly dataverseHostPattern: RegExp;
  /** The Power Automate maker portal, no trailing slash. */
  readonly makerPortalUrl: string;
  /** Microsoft Graph, no trailing slash; also its token audience. */
  readonly graphEndpoint: string;
}

export const AZURE_CLOUDS: Readonly<Record<AzureCloudName, AzureCloud>> = Object.freeze({
  AzureCloud: Object.freeze<AzureCloud>({
    name: 'AzureCloud',
    displayName: 'Azure',
    authorityHost: 'https://login.microsoftonline.com',
    resourceManagerEndpoint: 'https://management.azure.com',
    resourceManagerScope: 'https://management.azure.com/.default',
    keyVaultDnsSuffix: '.vault.azure.net',
    keyVaultScope: 'https://vault.azure.net/.default',
    portalUrl: 'https://portal.azure.com',
    vscodeAuthProviderId: 'microsoft',
    armCloudSetting: 'AZURE_PUBLIC_CLOUD',
    supportsPowerAutomateCredentials: true,
    globalDiscoveryUrl: 'https://globaldisco.crm.dynamics.com',
    // contoso.crm.dynamics.com, contoso.crm4.dynamics.com, … (GCC's crm9 signs in on the public cloud too)
    dataverseHostPattern: /^(?!globaldisco\.)[a-z0-9][a-z0-9-]*(?:\.api)?\.crm\d{0,2}\.dynamics\.com$/,
    makerPortalUrl: 'https://make.powerautomate.com',
    graphEndpoint: 'https://graph.microsoft.com',
  }),
  AzureChinaCloud: Object.freeze<AzureCloud>({
    name: 'AzureChinaCloud',
    displayName: 'Azure China (21Vianet)',
    authorityHost: 'https://login.chinacloudapi.cn',
    resourceManagerEndpoint: 'https://management.chinacloudapi.cn',
    resourceManagerScope: 'https://management.chinacloudapi.cn/.default',
    keyVaultDnsSuffix: '.vault.azure.cn',
    keyVaultScope: 'https://vault.azure.cn/.default',
    portalUrl: 'https://portal.azure.cn',
    vscodeAuthProviderId: 'microsoft-sovereign-cloud',
    vscodeSovereignEnvironment: 'ChinaCloud',
    armCloudSetting: 'AZURE_CHINA_CLOUD',
    supportsPowerAutomateCredentials: true,
    globalDiscoveryUrl: 'https://globaldisco.crm.dynamics.cn',
    dataverseHostPattern: /^(?!globaldisco\.)[a-z0-9][a-z0-9-]*(?:\.api)?\.crm\.dynamics\.cn$/,
    makerPortalUrl: 'https://make.powerautomate.cn',
    graphEndpoint: 'https://microsoftgraph.chinacloudapi.cn',
  }),
  AzureUSGovernment: Object.freeze<AzureCloud>({
    name: 'AzureUSGovernment',
    displayName: 'Azure US Government',
    authorityHost: 'https://login.microsoftonline.us',
    resourceManagerEndpoint: 'https://management.usgovcloudapi.net',
    resourceManagerScope: 'https://management.usgovcloudapi.net/.default',
    keyVaultDnsSuffix: '.vault.usgovcloudapi.net',
    keyVaultScope: 'https://vault.usgovcloudapi.net/.default',
    portalUrl: 'https://portal.azure.us',
    vscodeAuthProviderId: 'microsoft-sovereign-cloud',
    vscodeSovereignEnvironment: 'USGovernment',
    armCloudSetting: 'AZURE_US_GOVERNMENT',
    // "Currently, this feature isn't available for US Government Clouds." (azure-apis.md §2.1)
    supportsPowerAutomateCredentials: false,
    // GCC High; DoD environments live on *.crm.appsplatform.us.
    globalDiscoveryUrl: 'https://globaldisco.crm.microsoftdynamics.us',
    dataverseHostPattern: /^(?!globaldisco\.)[a-z0-9][a-z0-9-]*(?:\.api)?\.crm\.(?:microsoftdynamics|appsplatform)\.us$/,
    makerPortalUrl: 'https://make.high.powerautomate.us',
    graphEndpoint: 'https://graph.microsoft.us',
  }),
});

export const AZURE_CLOUD_NAMES: readonly AzureCloudName[] = Object.freeze(
  Object.keys(AZURE_CLOUDS) as AzureCloudName[],
);

export const DEFAULT_CLOUD: AzureCloud = AZURE_CLOUDS.AzureCloud;

/** Aliases people and tools use for the same clouds (az cloud names, SDK enum names). */
const ALIASES: Record<string, AzureCloudName> = {
  azurecloud: 'AzureCloud',
  public: 'AzureCloud',
  azure_public_cloud: 'AzureCloud',
  azurechinacloud: 'AzureChinaCloud',
  china: 'AzureChinaCloud',
  chinacloud: 'AzureChinaCloud',
  azure_china_cloud: 'AzureChinaCloud',
  azureusgovernment: 'AzureUSGovernment',
  usgovernment: 'AzureUSGovernment',
  usgov: 'AzureUSGovernment',
  azure_us_government: 'AzureUSGovernment',
};

/** The cloud a name stands for, or undefined for anything unknown (no custom clouds). */
export function findCloud(name: unknown): AzureCloud | undefined {
  if (typeof name !== 'string') return undefined;
  const key = ALIASES[name.trim().toLowerCase()];
  return key ? AZURE_CLOUDS[key] : undefined;
}

/** The cloud a setting value names; unknown or missing values fall back to the public cloud. */
export function resolveCloud(name: unknown): AzureCloud {
  return findCloud(name) ?? DEFAULT_CLOUD;
}

/** Whether `url` is a Key Vault data-plane URL of `cloud` (`https://<name><suffix>/…`). */
export function isKeyVaultUrlOfCloud(url: string, cloud: AzureCloud): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'https:') return false;
  const host = parsed.hostname.toLowerCase();
  return host.endsWith(cloud.keyVaultDnsSuffix) && host.length > cloud.keyVaultDnsSuffix.length;
}

/** The cloud whose Key Vault DNS suffix `url` carries. */
export function cloudOfKeyVaultUrl(url: string): AzureCloud | undefined {
  return AZURE_CLOUD_NAMES.map((n) => AZURE_CLOUDS[n]).find((c) => isKeyVaultUrlOfCloud(url, c));
}

/** The vault URL of a vault name in a cloud: `https://<name><suffix>`. */
export function keyVaultUrl(vaultName: string, cloud: AzureCloud): string {
  return `https://${vaultName.toLowerCase()}${cloud.keyVaultDnsSuffix}`;
}

/** Whether `url` is the https origin of a Dataverse environment of `cloud` (tokens go nowhere else). */
export function isDataverseUrlOfCloud(url: string, cloud: AzureCloud): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return parsed.protocol === 'https:' && (parsed.port === '' || parsed.port === '443') && cloud.dataverseHostPattern.test(parsed.hostname.toLowerCase());
}
