import { json } from './json';
import type { Formatter } from './model';
import { sarif } from './sarif';
import { stylish } from './stylish';

export const formatters: Readonly<Record<string, Formatter>> = { stylish, json, sarif };
export const formatNames = Object.keys(formatters);

export type { Formatter, Report, ReportFile, ReportFinding, ReportProblem, ReadError, RuleInfo, ToolInfo } from './model';
export { countReport } from './model';
