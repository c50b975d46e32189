/**
 * The Robin (Power Automate for desktop) parser: `parse`, offsets, and walking values.
 */
import type { Script } from './ast';
import { Parser } from './parser';

export * from './ast';
export { LineIndex } from './lineIndex';
export { sourceOffsetOf, stringLiteralText } from './strings';
export type { LiteralText } from './strings';
export { forEachValue, forEachScriptValue } from './walk';
export type { ValueRole, ValueVisit, ValueVisitor } from './walk';
export { MAX_MESSAGES, MAX_NEST } from './parser';

/**
 * Parses Robin text into a flat list of statements. Never throws and runs in linear time; text it
 * cannot read becomes `unrecognised` statements, problems go to `messages`. Offsets are UTF-16
 * indexes into `text` as given (a leading BOM is skipped but counts).
 */
export function parse(text: string): Script {
  try {
    return new Parser(String(text ?? '')).run();
  } catch {
    // Last resort: a parser bug must not take the host down. Say so, without the text.
    const length = typeof text === 'string' ? text.length : 0;
    const range = { start: 0, end: length };
    return {
      statements: [{
        kind: 'unrecognised', range, indent: '', depth: 0, annotations: [],
        text: typeof text === 'string' ? text : '', message: 'Internal parser error',
      }],
      header: [],
      messages: [{ range, message: 'Internal parser error: the text was not read' }],
    };
  }
}
