/**
 * Power Automate credentials, decided in pure code: the facts the clients gather, each
 * credential's health, the vaults that suit an environment, the secret references credentials
 * hold, which flows use a credential, and names to suggest.
 */
export * from './facts';
export * from './health';
export * from './secretReference';
export * from './secretState';
export * from './usedBy';
export * from './vaultChecks';
export * from './secretNames';
export * from './vaultSuitability';
