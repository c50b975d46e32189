/**
 * Schema names of the environment variables a new credential gets: `{prefix}_{Credential}UserName`
 * and `{prefix}_{Credential}Password`, made of letters and digits, unique in the environment.
 */

/** A publisher prefix: 2–8 letters and digits, starting with a letter, not `mscrm`. */
export function validateSchemaPrefix(prefix: string): string | undefined {
  if (!/^[A-Za-z][A-Za-z0-9]{1,7}$/.test(prefix)) return 'A publisher prefix has 2 to 8 letters and digits and starts with a letter.';
  if (/^mscrm/i.test(prefix)) return 'The prefix mscrm is reserved.';
  return undefined;
}

/** `SAP service account` → `SAPServiceAccount`; nothing usable → `Credential`. */
export function pascalName(name: string): string {
  const words = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
  let out = words.map((w) => w[0].toUpperCase() + w.slice(1)).join('');
  if (!out) out = 'Credential';
  if (/^[0-9]/.test(out)) out = `C${out}`;
  return out.slice(0, 60);
}

/** The base schema names for a credential (before uniqueness). */
export function baseSchemaNames(credentialName: string, prefix = 'new'): { userName: string; password: string; stem: string } {
  const stem = `${prefix}_${pascalName(credentialName)}`;
  return { stem, userName: `${stem}UserName`, password: `${stem}Password` };
}

/**
 * Schema names not yet taken (compared case-insensitively, as Dataverse does): the base names, or
 * the first `…2`, `…3`, … suffix free for both.
 */
export function uniqueSchemaNames(credentialName: string, taken: Iterable<string>, prefix = 'new'): { userName: string; password: string } {
  const used = new Set([...taken].map((t) => t.toLowerCase()));
  const { stem } = baseSchemaNames(credentialName, prefix);
  for (let i = 1; ; i++) {
    const suffix = i === 1 ? '' : String(i);
    const userName = `${stem}${suffix}UserName`;
    const password = `${stem}${suffix}Password`;
    if (!used.has(userName.toLowerCase()) && !used.has(password.toLowerCase())) return { userName, password };
  }
}
