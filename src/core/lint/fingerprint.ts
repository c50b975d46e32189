/**
 * Baseline fingerprints: stable across edits elsewhere in the file, and NEVER derived from the
 * secret value (not even hashed: a hash of a short password can be reversed by guessing).
 */
import { createHash } from 'node:crypto';
import { normalizePath } from './config';

export interface FingerprintParts {
  readonly ruleId: string;
  readonly path: string;
  readonly flow?: string;
  readonly subflow?: string;
  readonly context?: string;
  readonly argument?: string;
  /** 0 for the first finding with the same other parts in the file, 1 for the next… */
  readonly occurrence: number;
}

/** 32 hex characters of SHA-256 over the parts (a pure function; `node:crypto` does no I/O). */
export function fingerprintOf(parts: FingerprintParts): string {
  const fields = [
    'fv1',
    parts.ruleId,
    normalizePath(parts.path),
    parts.flow ?? '',
    parts.subflow ?? '',
    parts.context ?? '',
    (parts.argument ?? '').toLowerCase(),
    String(parts.occurrence),
  ];
  return createHash('sha256').update(fields.join('\u0000'), 'utf8').digest('hex').slice(0, 32);
}

/** The parts that make findings "the same place" before the occurrence counter. */
export function occurrenceKey(parts: Omit<FingerprintParts, 'occurrence' | 'path'>): string {
  return [parts.ruleId, parts.flow ?? '', parts.subflow ?? '', parts.context ?? '', (parts.argument ?? '').toLowerCase()].join('\u0000');
}
