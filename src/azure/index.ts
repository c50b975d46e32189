/**
 * Flow Vault's Azure layer: sign-in adapters, the cloud table, tenants/subscriptions/vaults/secrets
 * a page at a time, and errors classified into what's wrong and what to do. No vscode import.
 */
export * from './clouds';
export * from './errors';
export * from './paging';
export * from './pagedList';
export * from './clients';
export * from './resources';
export * from './auth/accounts';
export * from './auth/credentials';
export * from './auth/sessionCredential';
export * from './auth/demo';
export * from './keyVault/references';
export * from './keyVault/secretState';
export * from './keyVault/vaultClient';
export * from './jsonPipeline';
export type {
  CreatedCredential,
  DataverseEnvironmentInfo,
  DesktopFlowRecord,
  EnvironmentClient,
  FlowMachineGroupRecord,
  FlowMachineRecord,
  NewKeyVaultCredential,
  Page as DataversePage,
  PageOptions as DataversePageOptions,
} from './dataverse/types';
export * from './dataverse/discovery';
export * from './dataverse/environmentClient';
export * from './dataverse/schemaNames';
