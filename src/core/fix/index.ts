/**
 * Quick fixes as pure text edits: Get credential insertion and literal replacement, marking
 * variables sensitive, clearing input defaults, suppression comments; on Robin files and on the
 * definitions inside `customizations.xml` (re-encoded into JSON and XML).
 */
export { applyEdits, eolAt, sortEdits, type TextEdit } from './text';
export {
  DEFAULT_GET_CREDENTIAL_TEMPLATE,
  DEFAULT_CREDENTIAL_VARIABLE,
  CREDENTIAL_NAME_PLACEHOLDER,
  VARIABLE_PLACEHOLDER,
  credentialNameProblem,
  renderTemplate,
  templateProblem,
} from './template';
export {
  credentialProperty,
  getCredentialProblem,
  matchGetCredential,
  templateSignature,
  useGetCredential,
  type FixableFinding,
  type GetCredentialOptions,
  type GetCredentialResult,
  type RobinText,
  type SkippedFinding,
  type TemplateSignature,
} from './getCredential';
export { clearInputDefault, isSensitive, markSensitive, variableOf, type SimpleFixResult } from './sensitive';
export { SUPPRESSION_DIRECTIVE, suppressFinding, suppressionComment } from './ignore';
export { freeVariableName, usedVariableNames } from './variables';
export { FixableFile, type FileFixResult, type FileFormat } from './file';
export { addToBaseline, type BaselineEditResult } from './baseline';
export { secretValueOf, type SecretValueResult } from './secretValue';
