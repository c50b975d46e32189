/**
 * Reads the small YAML subset of a pre-commit hooks file: a top-level block sequence of flat
 * mappings whose values are plain or quoted scalars, or flow sequences of plain scalars
 * (`[file]`), with `#` comments. Anything else is refused with the line number, so a hooks
 * file that grows past this subset fails its test instead of being misread.
 */
export type HookValue = string | string[];
export type HookEntry = Record<string, HookValue>;

export function readHooksYaml(text: string): HookEntry[] {
  const hooks: HookEntry[] = [];
  let current: HookEntry | undefined;
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = stripComment(raw).trimEnd();
    if (line.trim() === '') return;
    const fail = (why: string): never => {
      throw new Error(`line ${i + 1}: ${why}: ${raw}`);
    };
    let body: string;
    if (line.startsWith('- ')) {
      current = {};
      hooks.push(current);
      body = line.slice(2);
    } else if (line.startsWith('  ') && !line.startsWith('   ') && current) {
      body = line.slice(2);
    } else {
      return fail('not a list item or a key of one');
    }
    const colon = body.indexOf(': ');
    if (colon <= 0) fail('not "key: value"');
    const key = body.slice(0, colon);
    if (!/^[a-z_]+$/.test(key)) fail('not a plain key');
    if (key in current!) fail(`${key} given twice`);
    current![key] = scalarOrList(body.slice(colon + 2).trim(), fail);
  });
  return hooks;
}

function stripComment(line: string): string {
  // A # starts a comment at the line start or after a space, outside quotes.
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === "'" || c === '"') {
      quote = c;
    } else if (c === '#' && (i === 0 || line[i - 1] === ' ')) {
      return line.slice(0, i);
    }
  }
  return line;
}

function scalarOrList(value: string, fail: (why: string) => never): HookValue {
  if (value.startsWith('[')) {
    if (!value.endsWith(']')) fail('an unclosed flow sequence');
    return value
      .slice(1, -1)
      .split(',')
      .map((v) => v.trim())
      .filter((v) => v !== '');
  }
  if (value.startsWith("'")) {
    if (!value.endsWith("'") || value.length < 2) fail('an unclosed single-quoted scalar');
    return value.slice(1, -1).replace(/''/g, "'");
  }
  if (value.startsWith('"')) {
    if (!value.endsWith('"') || value.length < 2 || value.slice(1, -1).includes('\\')) fail('a double-quoted scalar with escapes (use single quotes)');
    return value.slice(1, -1);
  }
  if (/^[&*!|>{%@`]/.test(value) || value === '') fail('YAML this reader does not take');
  return value;
}
