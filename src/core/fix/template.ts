/**
 * The Get credential action text comes from ONE template (the `flowVault.getCredential.template`
 * setting, the CLI's `--get-credential-template`). The exact Robin text of PAD's Get credential
 * action has not been seen in any public source (reference/pad-formats.md §3.1): the default
 * below is an inferred candidate, and a user who copies the real action from the PAD designer
 * can put its text here, with the two placeholders where the credential and variable go.
 */

/** Placeholders a template may use. `${variable}` is required, `${credentialName}` expected. */
export const CREDENTIAL_NAME_PLACEHOLDER = '${credentialName}';
export const VARIABLE_PLACEHOLDER = '${variable}';

/**
 * The documented default (pad-formats §3.1, INFERRED, not verified against PAD). Keep in sync
 * with the `flowVault.getCredential.template` default in package.json and the snippet.
 */
export const DEFAULT_GET_CREDENTIAL_TEMPLATE =
  "PowerAutomateSecretVariables.GetCredential Credential: '${credentialName}' Timeout: 0 Credential=> ${variable}";

/** The default name of the variable a Get credential action produces (PAD's own default). */
export const DEFAULT_CREDENTIAL_VARIABLE = 'Credential';

type QuoteState = 'code' | "$'''" | "'''" | "'";

/** Why a template cannot be used, or undefined when it is fine (before the parser's check). */
export function templateProblem(template: string): string | undefined {
  if (template.trim() === '') return 'the template is empty';
  if (/[\r\n]/.test(template)) return 'the template must be a single line (one Robin statement)';
  if (!template.includes(VARIABLE_PLACEHOLDER)) return `the template must contain ${VARIABLE_PLACEHOLDER}`;
  let problem: string | undefined;
  scanTemplate(template, (placeholder, state) => {
    if (placeholder === CREDENTIAL_NAME_PLACEHOLDER && state === 'code') {
      problem = `${CREDENTIAL_NAME_PLACEHOLDER} must stand inside a quoted string`;
    }
    return '';
  });
  return problem;
}

/** Why a credential name cannot be used, or undefined. The name is not a secret. */
export function credentialNameProblem(name: string): string | undefined {
  if (name.trim() === '') return 'Enter a credential name.';
  if (/[\u0000-\u001f\u007f]/.test(name)) return 'A credential name cannot contain line breaks or control characters.';
  if (name.length > 256) return 'A credential name is at most 256 characters long.';
  if (name !== name.trim()) return 'A credential name cannot start or end with spaces.';
  return undefined;
}

/**
 * Fills the template. The credential name is escaped for the string it stands in (`\'`, `\\`,
 * and `%%` inside `$'''…'''`); the variable is written as is.
 */
export function renderTemplate(template: string, values: { credentialName: string; variable: string }): string {
  return scanTemplate(template, (placeholder, state) => {
    if (placeholder === VARIABLE_PLACEHOLDER) return values.variable;
    return escapeFor(values.credentialName, state);
  });
}

function escapeFor(value: string, state: QuoteState): string {
  if (state === 'code') return value;
  let out = value.replace(/\\/g, '\\\\').replace(/'/g, "\\'");
  if (state === "$'''") out = out.replace(/%/g, '%%');
  return out;
}

/** Walks the template tracking which kind of string each placeholder sits in. */
function scanTemplate(template: string, replace: (placeholder: string, state: QuoteState) => string): string {
  const placeholders = [CREDENTIAL_NAME_PLACEHOLDER, VARIABLE_PLACEHOLDER];
  let state: QuoteState = 'code';
  let out = '';
  let i = 0;
  while (i < template.length) {
    const ph = placeholders.find((p) => template.startsWith(p, i));
    if (ph) {
      out += replace(ph, state);
      i += ph.length;
      continue;
    }
    const ch = template[i];
    if (state === 'code') {
      if (template.startsWith("$'''", i)) { state = "$'''"; out += "$'''"; i += 4; continue; }
      if (template.startsWith("'''", i)) { state = "'''"; out += "'''"; i += 3; continue; }
      if (ch === "'") { state = "'"; out += ch; i++; continue; }
    } else {
      if (ch === '\\' && i + 1 < template.length) { out += template.slice(i, i + 2); i += 2; continue; }
      if ((state === "$'''" || state === "'''") && template.startsWith("'''", i)) { state = 'code'; out += "'''"; i += 3; continue; }
      if (state === "'" && ch === "'") { state = 'code'; out += ch; i++; continue; }
    }
    out += ch;
    i++;
  }
  return out;
}
