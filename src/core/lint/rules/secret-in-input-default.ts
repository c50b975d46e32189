/**
 * Default values of sensitive flow inputs: `@INPUT x : { … 'DefaultValue': '12345' }` where `x`
 * is listed in `@SENSITIVE` or its name says secret, and, in a solution's `<Inputs>` schema,
 * `"format":"password"` (or secret-named) inputs with a non-empty `default` or `value`.
 */
import type { ObjectValue, Value, VariableDeclaration } from '../../robin/ast';
import { candidate, keyName } from '../literals';
import { kindLabel, saysAccount } from '../names';
import type { FlowInputsContext, LintRule, RuleContext } from '../rule';
import { literalSecrets } from '../rule-helpers';
import type { SecretKind } from '../types';

export const secretInInputDefault: LintRule = {
  id: 'secret-in-input-default',
  description: 'A sensitive flow input has a default value stored in clear text.',
  docs: [
    'A flow input that is marked sensitive (`@SENSITIVE`, or `"format":"password"` in the solution\'s `<Inputs>`) or whose name says password/key/secret/token keeps a design-time default value. Marking an input sensitive hides it in the designer and in logs, but its default is stored in clear text in the definition and in every solution export.',
    '',
    'Example:',
    '```',
    '@SENSITIVE: [Enc_Dec_Key]',
    "@INPUT Enc_Dec_Key : { 'Description': '', 'FriendlyName': 'Enc_Dec_Key', 'Type': 'String', 'IsOptional': False, 'DefaultValue': '12345' }",
    '```',
    'Fix: clear the default value (in the designer: the input\'s *Default value*) and pass the value at run time, or read it inside the flow with a **Get credential** action.',
  ].join('\n'),
  defaultSeverity: 'error',
  fixable: true,
  priority: 70,
  check(context: RuleContext): void {
    for (const statement of context.statementsOf('input')) {
      if (!statement.properties) continue;
      const def = entryValue(statement.properties, 'defaultvalue');
      if (!def) continue;
      const sensitive = context.sensitive.has(statement.name.toLowerCase());
      const kind = context.names.classify(statement.name);
      if (def.kind === 'object') {
        checkObject(context, statement, def);
        continue;
      }
      if (!sensitive && !kind) continue;
      // A sensitive input named for the account (`Input_Username`, `Login_Email`) holds no secret.
      if (!kind && saysAccount(statement.name)) continue;
      const k: SecretKind = kind ?? 'secret';
      for (const secret of literalSecrets(context, def, kind !== undefined)) {
        context.report({
          range: secret.range,
          literalRange: secret.literalRange,
          kind: k,
          placement: 'input-default',
          message: `${sensitive ? 'Sensitive input' : 'Input'} '${statement.name}' has a default ${kind ? kindLabel(kind) : 'value'} stored in clear text. Clear the default and pass the value at run time.`,
          context: '@INPUT',
          argument: statement.name,
          statement,
        });
      }
    }
  },
  checkFlowInputs(context: FlowInputsContext): void {
    for (const p of context.parameters) {
      const isPassword = typeof p.format === 'string' && p.format.toLowerCase() === 'password';
      const kind = context.names.classify(p.name);
      if (!isPassword && !kind) continue;
      if (!kind && saysAccount(p.name)) continue;
      if (typeof p.type === 'string' && p.type !== 'string' && p.type !== 'number' && p.type !== 'integer') continue;
      for (const field of ['default', 'value'] as const) {
        const v = field === 'default' ? p.default : p.value;
        const range = field === 'default' ? p.defaultRange : p.valueRange;
        if ((typeof v !== 'string' && typeof v !== 'number') || !range) continue;
        const text = String(v);
        if (!candidate(text, 0, text.length)) continue;
        const k: SecretKind = kind ?? 'secret';
        context.report({
          range,
          literalRange: (field === 'default' ? p.defaultLiteralRange : p.valueLiteralRange) ?? range,
          kind: k,
          placement: 'input-default',
          message: `${isPassword ? 'Sensitive input' : 'Input'} '${p.name}' of flow '${context.flowName}' has a ${field === 'default' ? 'default' : 'stored'} value in clear text in <Inputs>. Clear it and pass the value at run time.`,
          context: '<Inputs>',
          argument: p.name,
        });
      }
    }
  },
};

function entryValue(obj: ObjectValue, lowerKey: string): Value | undefined {
  for (const e of obj.entries) {
    const k = keyName(e.key);
    if (k !== undefined && k.toLowerCase() === lowerKey) return e.value;
  }
  return undefined;
}

function checkObject(context: RuleContext, statement: VariableDeclaration, obj: ObjectValue): void {
  for (const e of obj.entries) {
    if (e.value.kind === 'object') { checkObject(context, statement, e.value); continue; }
    const key = keyName(e.key);
    if (key === undefined) continue;
    const kind = context.names.classify(key);
    if (!kind) continue;
    for (const secret of literalSecrets(context, e.value, kind === 'password')) {
      context.report({
        range: secret.range,
        literalRange: secret.literalRange,
        kind,
        placement: 'input-default',
        message: `Input '${statement.name}' has a default ${kindLabel(kind)} in key '${key}' stored in clear text. Clear the default and pass the value at run time.`,
        context: '@INPUT',
        argument: `${statement.name}['${key}']`,
        statement,
      });
    }
  }
}
