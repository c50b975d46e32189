/**
 * Names the prompts suggest: a secret name from the flow and the field, a credential name from
 * the secret name. Never from the value.
 */
import type { MoveSource } from './types';

function kebab(s: string): string {
  return s
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

export function suggestSecretName(source: Pick<MoveSource, 'flowName' | 'argument' | 'kind'>): string {
  const field = source.argument && !/^(text|value|script|connectionstring|customheaders)$/i.test(source.argument) ? source.argument : source.kind;
  const parts = [kebab(source.flowName), kebab(field)].filter(Boolean);
  return (parts.join('-') || 'flow-secret').slice(0, 127).replace(/-+$/, '');
}

export function suggestCredentialName(_source: MoveSource, secretName: string): string {
  return secretName;
}
