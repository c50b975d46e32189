/**
 * The registry of rules, most specific first. The engine runs the enabled ones; when two report
 * overlapping ranges, the one with the lower `priority` keeps the finding.
 */
import type { LintRule } from '../rule';
import { knownSecretFormat } from './known-secret-format';
import { passwordStoredEncryptedInFlow } from './password-stored-encrypted-in-flow';
import { secretInConnectionString } from './secret-in-connection-string';
import { secretInInputDefault } from './secret-in-input-default';
import { secretInPasswordArgument } from './secret-in-password-argument';
import { secretInScript } from './secret-in-script';
import { secretInUrl } from './secret-in-url';
import { secretInVariable } from './secret-in-variable';
import { secretInWebRequest } from './secret-in-web-request';
import { secretTypedIntoPasswordField } from './secret-typed-into-password-field';

export const rules: readonly LintRule[] = [
  secretTypedIntoPasswordField,
  secretInPasswordArgument,
  passwordStoredEncryptedInFlow,
  secretInConnectionString,
  secretInWebRequest,
  secretInUrl,
  secretInScript,
  secretInVariable,
  secretInInputDefault,
  knownSecretFormat,
];

const byId = new Map(rules.map((r) => [r.id, r] as const));

/** The rule with this id, or undefined. */
export function getRule(id: string): LintRule | undefined {
  return byId.get(id);
}

/** Every rule id, in registry order. */
export const ruleIds: readonly string[] = rules.map((r) => r.id);

export {
  knownSecretFormat, passwordStoredEncryptedInFlow, secretInConnectionString, secretInInputDefault, secretInPasswordArgument, secretInScript,
  secretInUrl, secretInVariable, secretInWebRequest, secretTypedIntoPasswordField,
};
