/**
 * The classes behind the values and arguments of the tree. Each keeps its positions as numbers
 * (`start`, `end`, …) and gives the `Range` objects of `ast.ts` (`range`, `contentRange`,
 * `nameRange`, …) on demand, as a new object on each read: a 1 MB flow's tree then holds a third
 * fewer objects for the garbage collector to walk. Read `x.range` anywhere; code inside the parser
 * reads `start` / `end` (`endOf`).
 *
 * Fields are assigned in the constructors, in one order per class, with no class field
 * initialisers or base class: objects as cheap to build as literals.
 */
import type {
  Argument, BooleanLiteral, DataTableValue, ElementReference, EncryptedValue, EnumValue, ExpressionValue,
  InterpolationSegment, ListValue, NumberLiteral, ObjectValue, Range, StringLiteral, StringSegment,
  TextSegment, Value,
} from './ast';

export class NumberNode implements NumberLiteral {
  declare readonly kind: 'number';
  declare readonly start: number;
  declare readonly end: number;
  declare readonly text: string;

  constructor(start: number, end: number, text: string) {
    this.kind = 'number';
    this.start = start;
    this.end = end;
    this.text = text;
  }

  get range(): Range {
    return { start: this.start, end: this.end };
  }
}

export class BooleanNode implements BooleanLiteral {
  declare readonly kind: 'boolean';
  declare readonly start: number;
  declare readonly end: number;
  declare readonly value: boolean;

  constructor(start: number, end: number, value: boolean) {
    this.kind = 'boolean';
    this.start = start;
    this.end = end;
    this.value = value;
  }

  get range(): Range {
    return { start: this.start, end: this.end };
  }
}

export class EnumNode implements EnumValue {
  declare readonly kind: 'enum';
  declare readonly start: number;
  declare readonly end: number;
  declare readonly text: string;

  constructor(start: number, end: number, text: string) {
    this.kind = 'enum';
    this.start = start;
    this.end = end;
    this.text = text;
  }

  get range(): Range {
    return { start: this.start, end: this.end };
  }
}

export class ElementNode implements ElementReference {
  declare readonly kind: 'element';
  declare readonly start: number;
  declare readonly end: number;
  declare readonly repository: string;
  declare readonly names: readonly string[];

  constructor(start: number, end: number, repository: string, names: readonly string[]) {
    this.kind = 'element';
    this.start = start;
    this.end = end;
    this.repository = repository;
    this.names = names;
  }

  get range(): Range {
    return { start: this.start, end: this.end };
  }
}

export class ListNode implements ListValue {
  declare readonly kind: 'list';
  declare readonly start: number;
  declare readonly end: number;
  declare readonly items: readonly Value[];

  constructor(start: number, end: number, items: readonly Value[]) {
    this.kind = 'list';
    this.start = start;
    this.end = end;
    this.items = items;
  }

  get range(): Range {
    return { start: this.start, end: this.end };
  }
}

export class ObjectNode implements ObjectValue {
  declare readonly kind: 'object';
  declare readonly start: number;
  declare readonly end: number;
  declare readonly entries: readonly { readonly key: Value; readonly value: Value }[];

  constructor(start: number, end: number, entries: readonly { readonly key: Value; readonly value: Value }[]) {
    this.kind = 'object';
    this.start = start;
    this.end = end;
    this.entries = entries;
  }

  get range(): Range {
    return { start: this.start, end: this.end };
  }
}

export class DataTableNode implements DataTableValue {
  declare readonly kind: 'datatable';
  declare readonly start: number;
  declare readonly end: number;
  declare readonly header: readonly Value[];
  declare readonly rows: readonly (readonly Value[])[];

  constructor(start: number, end: number, header: readonly Value[], rows: readonly (readonly Value[])[]) {
    this.kind = 'datatable';
    this.start = start;
    this.end = end;
    this.header = header;
    this.rows = rows;
  }

  get range(): Range {
    return { start: this.start, end: this.end };
  }
}

export class ExpressionNode implements ExpressionValue {
  declare readonly kind: 'expression';
  declare readonly start: number;
  declare readonly end: number;
  declare readonly text: string;
  declare readonly strings: readonly StringLiteral[];
  declare readonly variables: readonly string[];

  constructor(start: number, end: number, text: string, strings: readonly StringLiteral[], variables: readonly string[]) {
    this.kind = 'expression';
    this.start = start;
    this.end = end;
    this.text = text;
    this.strings = strings;
    this.variables = variables;
  }

  get range(): Range {
    return { start: this.start, end: this.end };
  }
}

export class EncryptedNode implements EncryptedValue {
  declare readonly kind: 'encrypted';
  declare readonly start: number;
  declare readonly end: number;
  declare readonly contentStart: number;
  declare readonly contentEnd: number;

  constructor(start: number, end: number, contentStart: number, contentEnd: number) {
    this.kind = 'encrypted';
    this.start = start;
    this.end = end;
    this.contentStart = contentStart;
    this.contentEnd = contentEnd;
  }

  get range(): Range {
    return { start: this.start, end: this.end };
  }

  get contentRange(): Range {
    return { start: this.contentStart, end: this.contentEnd };
  }
}

export class StringNode implements StringLiteral {
  declare readonly kind: 'string';
  declare readonly start: number;
  declare readonly end: number;
  declare readonly quote: StringLiteral['quote'];
  declare readonly segments: readonly StringSegment[];
  declare readonly contentStart: number;
  declare readonly contentEnd: number;
  declare readonly terminated: boolean;

  constructor(start: number, end: number, quote: StringLiteral['quote'], segments: readonly StringSegment[], contentStart: number, contentEnd: number, terminated: boolean) {
    this.kind = 'string';
    this.start = start;
    this.end = end;
    this.quote = quote;
    this.segments = segments;
    this.contentStart = contentStart;
    this.contentEnd = contentEnd;
    this.terminated = terminated;
  }

  get range(): Range {
    return { start: this.start, end: this.end };
  }

  get contentRange(): Range {
    return { start: this.contentStart, end: this.contentEnd };
  }
}

export class TextNode implements TextSegment {
  declare readonly kind: 'text';
  declare readonly start: number;
  declare readonly end: number;
  declare readonly value: string;
  declare readonly map: TextSegment['map'];

  constructor(start: number, end: number, value: string, map: TextSegment['map']) {
    this.kind = 'text';
    this.start = start;
    this.end = end;
    this.value = value;
    this.map = map;
  }

  get range(): Range {
    return { start: this.start, end: this.end };
  }
}

export class InterpolationNode implements InterpolationSegment {
  declare readonly kind: 'interpolation';
  declare readonly start: number;
  declare readonly end: number;
  declare readonly expression: string;
  declare readonly value: Value | undefined;

  constructor(start: number, end: number, expression: string, value: Value | undefined) {
    this.kind = 'interpolation';
    this.start = start;
    this.end = end;
    this.expression = expression;
    this.value = value;
  }

  get range(): Range {
    return { start: this.start, end: this.end };
  }

  /** Between the two `%` signs. */
  get expressionRange(): Range {
    return { start: this.start + 1, end: this.end - 1 };
  }
}

/** An argument: `Name: value`, `Name=> var`, `@Name: value`. */
export class ArgumentNode implements Argument {
  declare readonly start: number;
  declare readonly end: number;
  declare readonly name: string;
  declare readonly nameStart: number;
  declare readonly nameEnd: number;
  declare readonly at: boolean;
  declare readonly direction: 'in' | 'out';
  declare readonly value: Value | undefined;
  declare readonly variable: string | undefined;
  /** -1 when there is no output variable. */
  declare readonly variableStart: number;
  declare readonly variableEnd: number;

  constructor(
    start: number, end: number, name: string, nameStart: number, nameEnd: number, at: boolean,
    direction: 'in' | 'out', value: Value | undefined, variable: string | undefined, variableStart: number, variableEnd: number,
  ) {
    this.start = start;
    this.end = end;
    this.name = name;
    this.nameStart = nameStart;
    this.nameEnd = nameEnd;
    this.at = at;
    this.direction = direction;
    this.value = value;
    this.variable = variable;
    this.variableStart = variableStart;
    this.variableEnd = variableEnd;
  }

  get range(): Range {
    return { start: this.start, end: this.end };
  }

  get nameRange(): Range {
    return { start: this.nameStart, end: this.nameEnd };
  }

  get variableRange(): Range | undefined {
    return this.variableStart < 0 ? undefined : { start: this.variableStart, end: this.variableEnd };
  }
}

/** The end offset of a value the parser made (every one is a node of this file), without a `Range`. */
export function endOf(v: Value): number {
  return (v as unknown as { readonly end: number }).end;
}
