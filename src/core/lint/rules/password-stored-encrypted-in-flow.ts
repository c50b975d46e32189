/**
 * A direct-encrypted value `P'<base64>'` (pad-formats §2.1): PAD encrypted what was typed with a
 * key of that machine and user, and stored it in the flow. Not clear text, but still a password
 * kept in the flow: it works only there, and it cannot be rotated or shared. Any argument or SET
 * holding one is a sensitive input by definition, whatever its name. The blob is never decoded.
 */
import type { Statement } from '../../robin/ast';
import { forEachScriptValue, type ValueVisit } from '../../robin/walk';
import type { LintRule, RuleContext } from '../rule';
import type { SecretPlacement } from '../types';

const TIED = 'it is tied to the machine where it was typed and cannot be rotated or shared. Use a Get credential action.';

/** Where the value stands, for the message, the fix and the finding's `context` / `argument`. */
function describe(visit: ValueVisit): { where: string; placement: SecretPlacement; context?: string; argument?: string } {
  const s: Statement | undefined = visit.statement;
  switch (visit.role) {
    case 'argument': {
      const name = visit.argument ? (visit.argument.at ? `@${visit.argument.name}` : visit.argument.name) : '';
      if (visit.action) return { where: `in argument '${name}' of ${visit.action.id}`, placement: 'argument', context: visit.action.id, argument: name };
      if (s && s.kind === 'call') return { where: `in argument '${name}' of the call to subflow '${s.name}'`, placement: 'argument', context: 'CALL', argument: name };
      const keyword = s && s.kind === 'control' ? s.keyword : '';
      return { where: `in argument '${name}' of ${keyword}`, placement: 'argument', context: keyword, argument: name };
    }
    case 'set': {
      const variable = s && s.kind === 'set' ? s.variable : '';
      return { where: `assigned to variable '${variable}'`, placement: 'set', context: 'SET', argument: variable };
    }
    case 'declaration': {
      const name = s && (s.kind === 'input' || s.kind === 'output') ? s.name : '';
      return { where: `in the declaration of '${name}'`, placement: 'input-default', context: s?.kind === 'output' ? '@OUTPUT' : '@INPUT', argument: name };
    }
    case 'annotation':
      return { where: `in annotation '@@${visit.annotation?.key ?? ''}'`, placement: 'argument', context: '@@', argument: visit.annotation?.key };
    default: {
      const keyword = s && s.kind === 'control' ? s.keyword : 'the statement';
      return { where: `in ${keyword}`, placement: 'argument', context: s && s.kind === 'control' ? s.keyword : undefined };
    }
  }
}

export const passwordStoredEncryptedInFlow: LintRule = {
  id: 'password-stored-encrypted-in-flow',
  description: "A password is stored encrypted in the flow (P'…'): tied to one machine, it cannot be rotated or shared.",
  docs: [
    "A value written `P'…'` is a \"direct encrypted input\": Power Automate for desktop encrypted what was typed with a key of the machine and user where it was typed, and stored it in the flow. It is not readable text, but it is still a password kept in the flow: the flow works only on that machine, and the password cannot be rotated or shared without editing every flow that holds it.",
    '',
    'Example:',
    '```',
    "WebAutomation.PopulateTextField.PopulateTextField BrowserInstance: Browser Control: appmask['Login']['Password'] Text: P'AQAAANCMnd8BFdERjHoAwE…' Mode: WebAutomation.PopulateTextMode.Replace",
    '```',
    "Fix: add a **Get credential** action before the action and pass `Credential.Password` instead of the `P'…'` value; put the password in the vault from the machine where it is known. Reported in any argument, `SET`, `CALL` argument or declaration, whatever its name. The value is never decoded or shown.",
  ].join('\n'),
  defaultSeverity: 'warning',
  fixable: true,
  priority: 25,
  check(context: RuleContext): void {
    // Most flows hold none: no walk then.
    if (context.text.indexOf("P'") < 0) return;
    forEachScriptValue(context.script, (value, visit) => {
      if (value.kind !== 'encrypted') return;
      const d = describe(visit);
      context.report({
        range: value.range,
        literalRange: value.range,
        kind: 'password',
        placement: d.placement,
        message: `Password stored encrypted in the flow ${d.where}: ${TIED}`,
        context: d.context,
        argument: d.argument,
        statement: visit.statement,
      });
    });
  },
};
