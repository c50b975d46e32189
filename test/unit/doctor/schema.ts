/** The doctor report's JSON Schema (schemas/doctor-report.schema.json), compiled with Ajv. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { REPO_ROOT } from '../../support/paths';

let validator: ValidateFunction | undefined;

export function doctorReportErrors(doc: unknown): string[] {
  if (!validator) {
    const schema = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'schemas', 'doctor-report.schema.json'), 'utf8')) as object;
    const ajv = new Ajv({ allErrors: true, strict: true });
    addFormats(ajv);
    validator = ajv.compile(schema);
  }
  if (validator(doc)) return [];
  return (validator.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`);
}
