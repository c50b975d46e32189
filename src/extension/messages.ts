/** Short phrases for messages. Pure: no `vscode`. */

/** A short count phrase: `1 finding`, `3 findings`. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
