/**
 * What the clients read about one Power Automate credential and the Key Vault secret behind it:
 * the input of the pure health and doctor checks. No value here is ever a secret: environment
 * variable values of secret variables are Key Vault references (ARM paths), and secrets are
 * described by their attributes only.
 */

/** `environmentvariabledefinition.type` (azure-apis.md §1.3). */
export const ENV_VAR_TYPE = {
  string: 100000000,
  number: 100000001,
  boolean: 100000002,
  json: 100000003,
  dataSource: 100000004,
  secret: 100000005,
} as const;

/** `environmentvariabledefinition.secretstore`. */
export const SECRET_STORE = { azureKeyVault: 0, dataverse: 1 } as const;

/** `credential.connectiontype`. */
export const CREDENTIAL_CONNECTION_TYPE = {
  usernamePassword: 1,
  usernamePasswordList: 2,
  usernamePasswordListWithGroupMapping: 3,
  cyberArk: 4,
  certificate: 5,
  machineMapping: 6,
  connectionReference: 7,
} as const;

/** The Dataverse first-party application (azure-apis.md §2.3). */
export const DATAVERSE_APP_ID = '00000007-0000-0000-c000-000000000000';

export interface EnvironmentVariableFacts {
  readonly id: string;
  readonly schemaName: string;
  readonly displayName?: string;
  /** `ENV_VAR_TYPE` code. */
  readonly type: number;
  /** `SECRET_STORE` code, for secret variables. */
  readonly secretStore?: number;
  readonly defaultValue?: string;
  /** The environment's current value (`environmentvariablevalue.value`), when one exists. */
  readonly currentValue?: string;
  /** Id of the `environmentvariablevalue` row holding `currentValue`. */
  readonly valueId?: string;
}

export interface CredentialRecordFacts {
  readonly id: string;
  readonly name: string;
  readonly description?: string;
  /** statecode 0. */
  readonly active: boolean;
  /** `CREDENTIAL_CONNECTION_TYPE` code. */
  readonly connectionType?: number;
  readonly username?: EnvironmentVariableFacts;
  readonly password?: EnvironmentVariableFacts;
  readonly createdOn?: string;
  readonly modifiedOn?: string;
}

/** What Resource Manager says about the vault a reference names, seen by the signed-in identity. */
export interface VaultFacts {
  /** `no-access`: ARM answered 403 to the signed-in identity; `error`: anything else went wrong. */
  readonly status: 'found' | 'not-found' | 'no-access' | 'error';
  /** Why, for `no-access` and `error` (never a secret). */
  readonly reason?: string;
  readonly id?: string;
  readonly name?: string;
  readonly tenantId?: string;
  readonly vaultUri?: string;
  readonly location?: string;
  readonly enableRbacAuthorization?: boolean;
  /** `Enabled` or `Disabled` (ARM spells it either case). */
  readonly publicNetworkAccess?: string;
  readonly networkAcls?: {
    readonly defaultAction: 'Allow' | 'Deny';
    readonly bypass?: string;
    readonly ipRules: readonly string[];
    readonly virtualNetworkRules: readonly string[];
  };
  readonly privateEndpoints?: readonly {
    readonly id: string;
    readonly status?: string;
    /** Whether the endpoint's subnet sits in a virtual network with a subnet delegated to Power Platform; undefined: not known. */
    readonly powerPlatformDelegated?: boolean;
  }[];
}

/** The vault's subscription. */
export interface SubscriptionFacts {
  readonly status: 'found' | 'not-found' | 'no-access' | 'error';
  readonly reason?: string;
  readonly id: string;
  readonly tenantId?: string;
  /** registrationState of Microsoft.PowerPlatform; undefined when it could not be read. */
  readonly powerPlatformProvider?: 'Registered' | 'NotRegistered' | 'Registering' | 'Unregistering' | string;
}

/** Whether the Dataverse service principal can read the secret (RBAC is checked even on access-policy vaults, §2.2). */
export interface DataverseAccessFacts {
  readonly status: 'granted' | 'denied' | 'unknown';
  /** e.g. "Key Vault Secrets User on the vault", or why it is unknown. */
  readonly evidence: string;
  /** Object id of the Dataverse service principal in the vault's tenant, when found. */
  readonly principalObjectId?: string;
  /** On an access-policy vault: whether a policy grants the principal `get` on secrets. */
  readonly accessPolicyGet?: boolean;
}

/** The secret, read with the signed-in identity's own data-plane access. */
export interface SecretFacts {
  /**
   * `no-access`: the signed-in identity may not read it (403 by RBAC or policy);
   * `unreachable`: firewall, private endpoint or disabled public access answered;
   * `deleted`: soft-deleted (recoverable).
   */
  readonly status: 'found' | 'not-found' | 'deleted' | 'no-access' | 'unreachable' | 'error';
  readonly reason?: string;
  readonly enabled?: boolean;
  /** Milliseconds since the epoch. */
  readonly expiresOn?: number;
  readonly notBefore?: number;
  readonly updatedOn?: number;
}

/** Everything the health of one credential depends on. Missing parts mean "not read". */
export interface CredentialHealthInput {
  readonly credential: CredentialRecordFacts;
  /** Tenant of the Power Platform environment. */
  readonly environmentTenantId: string;
  readonly subscription?: SubscriptionFacts;
  readonly vault?: VaultFacts;
  readonly dataverseAccess?: DataverseAccessFacts;
  readonly secret?: SecretFacts;
  /** Milliseconds since the epoch: the check's clock (the core reads none). */
  readonly now: number;
}
