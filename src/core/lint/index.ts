/**
 * The lint engine, its rules, suppressions, baselines and configuration.
 */
export { lintText, lintScript, detectOptions, type LintOptions } from './engine';
export { lintFile, lintBytes, NOT_A_FLOW, NO_PACKAGE, type FileKind, type FileLint, type LintedText, type LintFileOptions } from './lintFile';
export { splitEntryPath, joinEntryPath, entryLevels, innermostEntry, ENTRY_SEPARATOR, type EntryPath } from './entryPath';
export { secretsOf, maskSecrets, MIN_MASKED_LENGTH } from './mask';
export { rules, getRule, ruleIds } from './rules';
export type { LintRule, RuleContext, ReportDescriptor, FlowInputsContext } from './rule';
export {
  parseConfig, resolveConfig, defaultConfig, isPathIgnored, matchesRobinFileGlobs, normalizePath,
  type FlowVaultConfig, type ResolvedConfig, type RuleSetting, type ConfigProblem,
} from './config';
export { createBaseline, parseBaseline, applyBaseline, formatBaseline, type Baseline, type BaselineEntry } from './baseline';
export { collectSuppressions, type Suppressions } from './suppressions';
export { fingerprintOf, type FingerprintParts } from './fingerprint';
export { createNameClassifier, kindLabel, type NameClassifier } from './names';
export type {
  Finding, FileResult, FileProblem, RobinUnit, SecretKind, SecretPlacement, Severity,
} from './types';
export {
  SettingsResolver, SettingsFileError, enginePathOf, CONFIG_FILE, BASELINE_FILE,
  type SettingsHost, type SettingsOptions, type FileSettings,
} from './settings';
