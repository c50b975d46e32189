/** A secret's state at a glance lives in the pure core; the Key Vault view reads it from here. */
export { isoDate, secretState, type SecretAttributes, type SecretState, type SecretStateKind } from '../../core/credentials/secretState';
