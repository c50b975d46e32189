/** One parse per document version, shared by outline, folding and fixes. */
import type * as vscode from 'vscode';
import { parse } from '../core/robin';
import type { Script } from '../core/robin/ast';

const cache = new WeakMap<vscode.TextDocument, { version: number; script: Script }>();

export function scriptOf(document: vscode.TextDocument): Script {
  const hit = cache.get(document);
  if (hit && hit.version === document.version) return hit.script;
  const script = parse(document.getText());
  cache.set(document, { version: document.version, script });
  return script;
}
