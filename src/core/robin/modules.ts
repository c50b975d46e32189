/**
 * Names of PAD action modules, lower case. Used to tell an enum value (`Text.CaseOption.Upper`,
 * always `Module.Type.Value`) from a property path on a variable (`obj.a.b`), and a condition
 * action (`IF (Folder.IfFolderExists.Exists …) THEN`) from a parenthesised expression.
 * A module missing here only costs that distinction for three-part paths; nothing breaks.
 */
export const KNOWN_MODULES: ReadonlySet<string> = new Set([
  'access', 'activedirectory', 'aibuilder', 'aws', 'azure', 'clipboard', 'cmd', 'compression',
  'computeruse', 'conversion', 'cryptography', 'cyberark', 'database', 'datetime', 'display',
  'email', 'excel', 'exchange', 'external', 'file', 'flowcontrol', 'folder', 'ftp',
  'googlecognitive', 'ibmcognitive', 'imagerecognition', 'llm', 'logging', 'loops',
  'microsoftcognitive', 'mouseandkeyboard', 'ocr', 'outlook', 'pdf', 'pgp',
  'powerautomateenvironment', 'powerautomatesecretvariables', 'powerpoint', 'sap', 'scripting',
  'services', 'sharepoint', 'system', 'terminal', 'text', 'triggers', 'uiautomation', 'variables',
  'web', 'webautomation', 'word', 'workqueues', 'workstation', 'xml',
]);

/** Words that cannot be variable names (PAD rejects them; KB rule 11), upper case, less `True`, `False`, `Global`, `Not`. */
export const RESERVED: ReadonlySet<string> = new Set([
  'FROM', 'TO', 'STEP', 'END', 'IN', 'THEN', 'IF', 'ELSE', 'LOOP', 'FOREACH', 'WHILE', 'SET',
  'WAIT', 'NEXT', 'EXIT', 'LABEL', 'GOTO', 'CALL', 'CASE', 'DEFAULT', 'SWITCH', 'BLOCK', 'ERROR',
  'ON', 'AND', 'OR', 'MOD', 'DISABLE', 'FUNCTION', 'THROW',
]);
