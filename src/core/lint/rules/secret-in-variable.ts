/**
 * `SET` of a secret-named variable (or of one listed in `@SENSITIVE`) to a literal, and object
 * literals whose secret-named keys hold literals (`SET Config TO { 'DbPassword': $'''…''' }`).
 */
import type { ActionStatement, ObjectValue, SetStatement } from '../../robin/ast';
import { candidate, isSecretShaped, keyName, setTargetName } from '../literals';
import { kindLabel, lower, saysAccount } from '../names';
import type { LintRule, RuleContext } from '../rule';
import { literalSecrets, structuredSecrets } from '../rule-helpers';

/** Sensitive variables whose name says they hold a message or a status, not a secret. */
const MESSAGE_NAME = /message|msg|status|error|result|text|log|description|subject|body|name|path|url|file|count|date|time/i;

export const secretInVariable: LintRule = {
  id: 'secret-in-variable',
  description: 'A variable whose name says password, key, secret or token (or that is marked sensitive), or a secret-named JSON/XML field, is set to a literal.',
  docs: [
    'A `SET` gives a literal to a variable whose name says it holds a secret (`Password`, `DbPwd`, `ApiKey`, `ClientSecret`, `AccessToken`…, plus the configured `secretWords`), or to a key of such a name inside an object literal, or inside JSON/XML text (a `SET` value or the `Json:` of *Convert JSON to custom object*). For variables listed in `@SENSITIVE` whose name says nothing, only one-word values that look like a secret are reported (messages such as `Bad Request` are not, nor accounts in variables such as `Login_Email`).',
    '',
    'Example:',
    '```',
    "SET SmtpPassword TO $'''Winter2024!'''",
    '```',
    'Fix: remove the SET and read the value with a **Get credential** action (`Credential.Password`). Variables, interpolations, masks and empty strings are not reported.',
  ].join('\n'),
  defaultSeverity: 'warning',
  fixable: true,
  priority: 60,
  check(context: RuleContext): void {
    for (const statement of context.statementsOf('action')) checkJsonArguments(context, statement);
    for (const statement of context.statementsOf('set')) {
      const value = statement.value;
      if (value.kind === 'object') {
        checkObject(context, statement, value);
        continue;
      }
      const target = setTargetName(statement.variable);
      const kind = context.names.classify(target);
      if (kind) {
        for (const secret of literalSecrets(context, value, kind === 'password')) {
          context.report({
            range: secret.range,
            literalRange: secret.literalRange,
            kind,
            placement: 'set',
            message: `Hard-coded ${kindLabel(kind)} assigned to variable '${statement.variable}'. Use a Get credential action instead of a literal.`,
            context: 'SET',
            argument: statement.variable,
            statement,
          });
        }
        continue;
      }
      if (value.kind === 'string' && looksStructured(context.flat(value).text)) {
        const flat = context.flat(value);
        for (const h of structuredSecrets(context, flat, false)) {
          context.report({
            range: flat.rangeOf(h.start, h.end),
            literalRange: value.range,
            kind: h.kind,
            placement: 'embedded',
            message: `Hard-coded ${kindLabel(h.kind)} in field '${h.name}' of the JSON/XML text assigned to '${statement.variable}'. Use a Get credential action instead of a literal.`,
            context: 'SET',
            argument: `${statement.variable}['${h.name}']`,
            statement,
          });
        }
      }
      if (value.kind === 'string' && context.sensitive.size > 0 && context.sensitive.has(lower(statement.variable)) && !MESSAGE_NAME.test(statement.variable) && !saysAccount(statement.variable)) {
        const flat = context.flat(value);
        if (flat.dynamic || !isSecretShaped(flat.text)) continue;
        const c = candidate(flat.text, 0, flat.text.length);
        if (!c) continue;
        context.report({
          range: flat.rangeOf(c.start, c.end),
          literalRange: value.range,
          kind: 'secret',
          placement: 'set',
          message: `Literal assigned to sensitive variable '${statement.variable}' (listed in @SENSITIVE). Use a Get credential action instead of a literal.`,
          context: 'SET',
          argument: statement.variable,
          statement,
        });
      }
    }
  },
};

function checkObject(context: RuleContext, statement: SetStatement, value: ObjectValue): void {
  for (const entry of value.entries) {
    const key = keyName(entry.key);
    if (entry.value.kind === 'object') {
      checkObject(context, statement, entry.value);
      continue;
    }
    if (key === undefined) continue;
    const kind = context.names.classify(key);
    if (!kind) continue;
    for (const secret of literalSecrets(context, entry.value, kind === 'password')) {
      context.report({
        range: secret.range,
        literalRange: secret.literalRange,
        kind,
        placement: 'embedded',
        message: `Hard-coded ${kindLabel(kind)} in key '${key}' of the object assigned to '${statement.variable}'. Use a Get credential action instead of a literal.`,
        context: 'SET',
        argument: `${statement.variable}['${key}']`,
        statement,
      });
    }
  }
}

function looksStructured(text: string): boolean {
  const t = text.trimStart();
  return t.startsWith('{') || t.startsWith('[') || t.startsWith('<');
}

/** `Variables.ConvertJsonToCustomObject Json: $'''{ "password": "…" }'''` and the like. */
function checkJsonArguments(context: RuleContext, action: ActionStatement): void {
  for (const arg of action.args) {
    if (arg.direction !== 'in' || !arg.value || arg.value.kind !== 'string') continue;
    const name = lower(arg.name);
    if (name !== 'json' && name !== 'jsonstring' && name !== 'xml' && name !== 'xmltext') continue;
    const flat = context.flat(arg.value);
    if (!looksStructured(flat.text)) continue;
    for (const h of structuredSecrets(context, flat, false)) {
      context.report({
        range: flat.rangeOf(h.start, h.end),
        literalRange: arg.value.range,
        kind: h.kind,
        placement: 'embedded',
        message: `Hard-coded ${kindLabel(h.kind)} in field '${h.name}' of the ${arg.name} text given to ${action.id}. Use a Get credential action instead of a literal.`,
        context: action.id,
        argument: arg.name,
        statement: action,
      });
    }
  }
}
