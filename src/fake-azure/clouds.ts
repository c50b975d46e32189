/**
 * The three Azure clouds the fake serves, with the host names and audiences the real services use.
 * Sources: azure-apis.md §2.5 (endpoint table), @azure/identity AzureAuthorityHosts,
 * @azure/arm-keyvault getArmEndpoint, @azure/ms-rest-azure-env.
 */
export type CloudName = 'AzureCloud' | 'AzureChinaCloud' | 'AzureUSGovernment';

export interface CloudDefinition {
  name: CloudName;
  /** Entra ID authority host, e.g. `login.microsoftonline.com`. */
  loginHost: string;
  /**
   * Other host names of the same authority. MSAL sends requests to its "preferred network" alias:
   * for `login.chinacloudapi.cn` that is `login.partner.microsoftonline.cn`.
   */
  loginHostAliases: string[];
  /** Resource Manager host, e.g. `management.azure.com`. */
  managementHost: string;
  /** Audiences ARM accepts in a bearer token (with and without trailing slash). */
  managementAudiences: string[];
  /** Key Vault DNS suffix including the leading dot, e.g. `.vault.azure.net`. */
  keyVaultDnsSuffix: string;
  /** The `resource` of the Key Vault challenge, e.g. `https://vault.azure.net`. */
  keyVaultResource: string;
  /** Issuer of v1 access tokens, `{base}{tenantId}/`. */
  stsIssuerBase: string;
  /** Dataverse organisation host patterns of this cloud. */
  dataverseHostPattern: RegExp;
  /** Global Discovery Service host. */
  globalDiscoveryHost: string;
  /** Microsoft Graph resource (tokens may be requested for it; no Graph API is emulated). */
  graphResource: string;
}

export const CLOUDS: Record<CloudName, CloudDefinition> = {
  AzureCloud: {
    name: 'AzureCloud',
    loginHost: 'login.microsoftonline.com',
    loginHostAliases: ['login.windows.net', 'login.microsoft.com'],
    managementHost: 'management.azure.com',
    managementAudiences: [
      'https://management.azure.com/',
      'https://management.azure.com',
      'https://management.core.windows.net/',
      'https://management.core.windows.net',
    ],
    keyVaultDnsSuffix: '.vault.azure.net',
    keyVaultResource: 'https://vault.azure.net',
    stsIssuerBase: 'https://sts.windows.net/',
    // contoso.crm.dynamics.com, contoso.crm4.dynamics.com, ... (not GCC's crm9)
    dataverseHostPattern: /^(?!globaldisco\.)[a-z0-9][a-z0-9-]*\.crm(?:[0-8]|1\d|2\d)?\.dynamics\.com$/,
    globalDiscoveryHost: 'globaldisco.crm.dynamics.com',
    graphResource: 'https://graph.microsoft.com',
  },
  AzureChinaCloud: {
    name: 'AzureChinaCloud',
    loginHost: 'login.chinacloudapi.cn',
    loginHostAliases: ['login.partner.microsoftonline.cn'],
    managementHost: 'management.chinacloudapi.cn',
    managementAudiences: [
      'https://management.chinacloudapi.cn/',
      'https://management.chinacloudapi.cn',
      'https://management.core.chinacloudapi.cn/',
      'https://management.core.chinacloudapi.cn',
    ],
    keyVaultDnsSuffix: '.vault.azure.cn',
    keyVaultResource: 'https://vault.azure.cn',
    stsIssuerBase: 'https://sts.chinacloudapi.cn/',
    dataverseHostPattern: /^(?!globaldisco\.)[a-z0-9][a-z0-9-]*\.crm\.dynamics\.cn$/,
    globalDiscoveryHost: 'globaldisco.crm.dynamics.cn',
    graphResource: 'https://microsoftgraph.chinacloudapi.cn',
  },
  AzureUSGovernment: {
    name: 'AzureUSGovernment',
    loginHost: 'login.microsoftonline.us',
    loginHostAliases: ['login.usgovcloudapi.net'],
    managementHost: 'management.usgovcloudapi.net',
    managementAudiences: [
      'https://management.usgovcloudapi.net/',
      'https://management.usgovcloudapi.net',
      'https://management.core.usgovcloudapi.net/',
      'https://management.core.usgovcloudapi.net',
    ],
    keyVaultDnsSuffix: '.vault.usgovcloudapi.net',
    keyVaultResource: 'https://vault.usgovcloudapi.net',
    stsIssuerBase: 'https://sts.windows.net/',
    // GCC High / DoD Dataverse hosts
    dataverseHostPattern: /^(?!globaldisco\.)[a-z0-9][a-z0-9-]*\.crm\.(?:microsoftdynamics|appsplatform)\.us$/,
    globalDiscoveryHost: 'globaldisco.crm.microsoftdynamics.us',
    graphResource: 'https://graph.microsoft.us',
  },
};

export const CLOUD_NAMES = Object.keys(CLOUDS) as CloudName[];

export function cloudByLoginHost(host: string): CloudDefinition | undefined {
  return CLOUD_NAMES.map((n) => CLOUDS[n]).find((c) => c.loginHost === host || c.loginHostAliases.includes(host));
}

export function cloudByManagementHost(host: string): CloudDefinition | undefined {
  return CLOUD_NAMES.map((n) => CLOUDS[n]).find((c) => c.managementHost === host);
}

export function parseCloudName(value: string | undefined): CloudName {
  if (!value) return 'AzureCloud';
  const v = value.toLowerCase().replace(/[^a-z]/g, '');
  if (v === 'azurecloud' || v === 'public' || v === 'azurepubliccloud') return 'AzureCloud';
  if (v === 'azurechinacloud' || v === 'china' || v === 'chinacloud') return 'AzureChinaCloud';
  if (v === 'azureusgovernment' || v === 'usgovernment' || v === 'usgov' || v === 'azureusgovernmentcloud') {
    return 'AzureUSGovernment';
  }
  throw new Error(`Unknown cloud '${value}' (use AzureCloud, AzureChinaCloud or AzureUSGovernment)`);
}

/** What a consumer needs to point SDK clients at one cloud (printed by `npm run fake-azure`). */
export interface CloudEndpoints {
  authorityHost: string;
  resourceManagerEndpoint: string;
  resourceManagerScope: string;
  keyVaultDnsSuffix: string;
  keyVaultScope: string;
}

export function cloudEndpoints(): Record<CloudName, CloudEndpoints> {
  const out = {} as Record<CloudName, CloudEndpoints>;
  for (const name of CLOUD_NAMES) {
    const c = CLOUDS[name];
    out[name] = {
      authorityHost: `https://${c.loginHost}`,
      resourceManagerEndpoint: `https://${c.managementHost}`,
      resourceManagerScope: `https://${c.managementHost}/.default`,
      keyVaultDnsSuffix: c.keyVaultDnsSuffix,
      keyVaultScope: `${c.keyVaultResource}/.default`,
    };
  }
  return out;
}
