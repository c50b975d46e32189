/**
 * Azure RBAC for the fake: the built-in role definitions the project cares about (azure-apis.md §2.3)
 * and action matching with Azure's wildcard rules.
 */

export interface Permission {
  actions: string[];
  notActions: string[];
  dataActions: string[];
  notDataActions: string[];
}

export interface RoleDefinition {
  /** The role's GUID (the last segment of its id). */
  name: string;
  roleName: string;
  type: 'BuiltInRole' | 'CustomRole';
  description: string;
  assignableScopes: string[];
  permissions: Permission[];
}

function role(name: string, roleName: string, description: string, p: Partial<Permission>): RoleDefinition {
  return {
    name,
    roleName,
    type: 'BuiltInRole',
    description,
    assignableScopes: ['/'],
    permissions: [
      { actions: p.actions ?? [], notActions: p.notActions ?? [], dataActions: p.dataActions ?? [], notDataActions: p.notDataActions ?? [] },
    ],
  };
}

const KV_CONTROL_READS = [
  'Microsoft.Authorization/*/read',
  'Microsoft.Insights/alertRules/*',
  'Microsoft.Resources/deployments/*',
  'Microsoft.Resources/subscriptions/resourceGroups/read',
  'Microsoft.Support/*',
  'Microsoft.KeyVault/checkNameAvailability/read',
  'Microsoft.KeyVault/deletedVaults/read',
  'Microsoft.KeyVault/locations/*/read',
  'Microsoft.KeyVault/vaults/*/read',
  'Microsoft.KeyVault/operations/read',
];

export const ROLE_IDS = {
  Owner: '8e3af657-a8ff-443c-a75c-2fe8c4bcb635',
  Contributor: 'b24988ac-6180-42a0-ab88-20f7382dd24c',
  Reader: 'acdd72a7-3385-48ef-bd42-f606fba81ae7',
  UserAccessAdministrator: '18d7d88d-d35e-4fb5-a5c3-7773c20a72d9',
  KeyVaultAdministrator: '00482a5a-887f-4fb3-b363-3b7fe8e74483',
  KeyVaultReader: '21090545-7ca7-4776-b22c-e363652d74d2',
  KeyVaultSecretsUser: '4633458b-17de-408a-b874-0445c86b69e6',
  KeyVaultSecretsOfficer: 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7',
  KeyVaultContributor: 'f25e0fa2-a7c8-4377-a976-54943a77a395',
  KeyVaultDataAccessAdministrator: '8b54135c-b56d-4d72-a534-26097cfdc8d8',
} as const;

export const BUILT_IN_ROLES: RoleDefinition[] = [
  role(ROLE_IDS.Owner, 'Owner', 'Grants full access to manage all resources, including the ability to assign roles in Azure RBAC.', {
    actions: ['*'],
  }),
  role(
    ROLE_IDS.Contributor,
    'Contributor',
    'Grants full access to manage all resources, but does not allow you to assign roles in Azure RBAC, manage assignments in Azure Blueprints, or share image galleries.',
    {
      actions: ['*'],
      notActions: [
        'Microsoft.Authorization/*/Delete',
        'Microsoft.Authorization/*/Write',
        'Microsoft.Authorization/elevateAccess/Action',
        'Microsoft.Blueprint/blueprintAssignments/write',
        'Microsoft.Blueprint/blueprintAssignments/delete',
        'Microsoft.Compute/galleries/share/action',
      ],
    },
  ),
  role(ROLE_IDS.Reader, 'Reader', 'View all resources, but does not allow you to make any changes.', { actions: ['*/read'] }),
  role(ROLE_IDS.UserAccessAdministrator, 'User Access Administrator', 'Lets you manage user access to Azure resources.', {
    actions: ['*/read', 'Microsoft.Authorization/*', 'Microsoft.Support/*'],
  }),
  role(
    ROLE_IDS.KeyVaultAdministrator,
    'Key Vault Administrator',
    "Perform all data plane operations on a key vault and all objects in it, including certificates, keys, and secrets. Cannot manage key vault resources or manage role assignments. Only works for key vaults that use the 'Azure role-based access control' permission model.",
    { actions: KV_CONTROL_READS, dataActions: ['Microsoft.KeyVault/vaults/*'] },
  ),
  role(
    ROLE_IDS.KeyVaultReader,
    'Key Vault Reader',
    "Read metadata of key vaults and its certificates, keys, and secrets. Cannot read sensitive values such as secret contents or key material. Only works for key vaults that use the 'Azure role-based access control' permission model.",
    {
      actions: KV_CONTROL_READS,
      dataActions: ['Microsoft.KeyVault/vaults/*/read', 'Microsoft.KeyVault/vaults/secrets/readMetadata/action'],
    },
  ),
  role(
    ROLE_IDS.KeyVaultSecretsUser,
    'Key Vault Secrets User',
    "Read secret contents. Only works for key vaults that use the 'Azure role-based access control' permission model.",
    {
      dataActions: ['Microsoft.KeyVault/vaults/secrets/getSecret/action', 'Microsoft.KeyVault/vaults/secrets/readMetadata/action'],
    },
  ),
  role(
    ROLE_IDS.KeyVaultSecretsOfficer,
    'Key Vault Secrets Officer',
    "Perform any action on the secrets of a key vault, except manage permissions. Only works for key vaults that use the 'Azure role-based access control' permission model.",
    { actions: KV_CONTROL_READS, dataActions: ['Microsoft.KeyVault/vaults/secrets/*'] },
  ),
  role(
    ROLE_IDS.KeyVaultContributor,
    'Key Vault Contributor',
    'Manage key vaults, but does not allow you to assign roles in Azure RBAC, and does not allow you to access secrets, keys, or certificates.',
    {
      actions: [
        'Microsoft.Authorization/*/read',
        'Microsoft.Insights/alertRules/*',
        'Microsoft.KeyVault/*',
        'Microsoft.Resources/deployments/*',
        'Microsoft.Resources/subscriptions/resourceGroups/read',
        'Microsoft.Support/*',
      ],
      notActions: ['Microsoft.KeyVault/locations/deletedVaults/purge/action', 'Microsoft.KeyVault/hsmPools/*', 'Microsoft.KeyVault/managedHsms/*'],
    },
  ),
  role(
    ROLE_IDS.KeyVaultDataAccessAdministrator,
    'Key Vault Data Access Administrator',
    'Manage access to Azure Key Vault by adding or removing role assignments for the Key Vault Administrator, Key Vault Certificates Officer, Key Vault Crypto Officer, Key Vault Crypto Service Encryption User, Key Vault Crypto User, Key Vault Reader, Key Vault Secrets Officer, or Key Vault Secrets User roles. Includes an ABAC condition to constrain role assignments.',
    {
      actions: [
        'Microsoft.Authorization/roleAssignments/delete',
        'Microsoft.Authorization/roleAssignments/write',
        '*/read',
        'Microsoft.Resources/deployments/*',
        'Microsoft.Resources/subscriptions/resourceGroups/read',
        'Microsoft.Support/*',
      ],
    },
  ),
];

const patternCache = new Map<string, RegExp>();

/**
 * Azure action wildcard matching, case-insensitive. `*` matches any characters; a `/*` segment also
 * matches nothing, so `Microsoft.KeyVault/vaults/*\/read` covers `Microsoft.KeyVault/vaults/read`
 * (INFERRED: Key Vault Reader can read the vault resource itself).
 */
export function actionMatches(pattern: string, action: string): boolean {
  let re = patternCache.get(pattern);
  if (!re) {
    const escaped = pattern
      .split('*')
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('\u0000');
    const source = escaped.replace(/\/\u0000\//g, '/(?:.*/)?').replace(/\u0000/g, '.*');
    re = new RegExp(`^${source}$`, 'i');
    patternCache.set(pattern, re);
  }
  return re.test(action);
}

export function roleGrants(def: RoleDefinition, action: string, dataAction: boolean): boolean {
  return def.permissions.some((p) => {
    const allow = dataAction ? p.dataActions : p.actions;
    const deny = dataAction ? p.notDataActions : p.notActions;
    return allow.some((a) => actionMatches(a, action)) && !deny.some((a) => actionMatches(a, action));
  });
}

/** Normalised (lower case, no trailing slash, single leading slash) form of an ARM scope, for comparisons. */
export function normalizeScope(scope: string): string {
  let s = scope.trim().toLowerCase().replace(/\/+/g, '/');
  if (!s.startsWith('/')) s = '/' + s;
  if (s.length > 1 && s.endsWith('/')) s = s.slice(0, -1);
  return s;
}

/** True when an assignment at `outer` applies to `inner` (same scope or a parent of it). */
export function scopeCovers(outer: string, inner: string): boolean {
  const o = normalizeScope(outer);
  const i = normalizeScope(inner);
  return o === '/' || i === o || i.startsWith(o + '/');
}
