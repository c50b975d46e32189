/** The doctor: pure checks over gathered facts, and the report in text, JSON and Markdown. */
export * from './types';
export * from './facts';
export { DEFAULT_DOCTOR_OPTIONS, type DoctorOptions } from './options';
export { runChecks } from './checks';
export { createReport, summarize, orderChecks, type DoctorReport, type DoctorSummary, type DoctorContext } from './report';
export { formatText, formatJson, formatMarkdown, toJson, summaryLine, STATUS_MARK, STATUS_WORD, type TextStyle } from './reportFormats';
export { machineEndpoints, type MachineEndpoint } from './endpoints';
export { parseServiceConfig, parseServiceState, parseWinHttpProxy } from './windowsOutputs';
export { MACHINE_CHECK_IDS } from './machineChecks';
export { LOCAL_CHECK_IDS } from './localChecks';
export { ENVIRONMENT_CHECK_IDS } from './environmentChecks';
export { CREDENTIAL_CHECK_IDS } from './credentialChecks';
