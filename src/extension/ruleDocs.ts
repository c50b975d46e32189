/**
 * Rule documentation that works offline: a read-only virtual document per rule
 * (`flowvault-docs:/rules/<id>.md`), shown in the Markdown preview by the
 * `flowVault.showRuleDocs` command. Diagnostics link here through their `code.target`.
 */
import * as vscode from 'vscode';
import { rules, getRule } from '../core/lint/rules';
import { DEFAULT_GET_CREDENTIAL_TEMPLATE } from '../core/fix';

export const DOCS_SCHEME = 'flowvault-docs';
const FIXES_DOC = 'quick-fixes';

export function ruleDocsUri(ruleId: string): vscode.Uri {
  return vscode.Uri.from({ scheme: DOCS_SCHEME, path: `/rules/${ruleId}.md` });
}

/** The `command:` link a diagnostic's code points at (opens the rule's docs in a preview). */
export function ruleDocsCommandUri(ruleId: string): vscode.Uri {
  return vscode.Uri.parse(`command:flowVault.showRuleDocs?${encodeURIComponent(JSON.stringify([ruleId]))}`);
}

export function ruleDocsMarkdown(path: string): string | undefined {
  const m = /^\/rules\/([a-z0-9-]+)\.md$/.exec(path);
  if (m) {
    const rule = getRule(m[1]);
    if (!rule) return undefined;
    return [
      `# ${rule.id}`,
      '',
      rule.description,
      '',
      `Default severity: **${rule.defaultSeverity}**. Quick fix: ${rule.fixable ? '**Use a Get credential action**' : 'none (ignore or suppress)'}.`,
      '',
      rule.docs.trim(),
      '',
      '---',
      '',
      `Change the severity in \`.flowvaultrc.json\` (\`"rules": { "${rule.id}": "warning" }\`), or silence one finding with \`# flow-vault-disable-next-line ${rule.id}\` on the line before the statement.`,
      '',
    ].join('\n');
  }
  if (path === `/${FIXES_DOC}.md`) return quickFixesMarkdown();
  if (path === '/rules.md') {
    return ['# Flow Vault rules', '', ...rules.map((r) => `- **${r.id}** (${r.defaultSeverity}): ${r.description}`), ''].join('\n');
  }
  return undefined;
}

function quickFixesMarkdown(): string {
  return [
    '# Flow Vault quick fixes',
    '',
    '## Use a Get credential action',
    '',
    'Inserts a Get credential action on its own line before the statement (same indentation, same subflow and block) and replaces the hard-coded value with `Credential.Password` (or `Credential.Username`), or with `%Credential.Password%` inside a `$\'\'\'…\'\'\'` string. A Get credential action for the same credential that already runs earlier in the same block is reused. The variable is `Credential`, or `Credential2`, … when that name is taken.',
    '',
    '"Replace all hard-coded secrets in this file" asks for one credential name and uses it for every fixable finding of the file.',
    '',
    '**The Robin text of the Get credential action is not verified.** It comes from the setting `flowVault.getCredential.template`, whose default is:',
    '',
    '```',
    DEFAULT_GET_CREDENTIAL_TEMPLATE,
    '```',
    '',
    'No public source shows the exact text PAD writes for this action. Add a Get credential action in the Power Automate for desktop designer, copy it, and compare; put the real text in the setting with `${credentialName}` and `${variable}` where the values go.',
    '',
    '## Other fixes',
    '',
    '- **Mark as sensitive** adds a SET variable or flow input to `@SENSITIVE: […]` (stored definitions only).',
    '- **Clear the default value** empties a flow input\'s `\'DefaultValue\'`, which is stored in clear even for sensitive inputs.',
    '- **Ignore** adds `# flow-vault-disable-next-line <rule-id>` before the statement, or records the finding in `.flowvault-baseline.json`.',
    '',
    'Every fix is one edit (one undo) and keeps line endings, BOM and indentation; in `customizations.xml` the Robin text is re-encoded into the XML.',
    '',
  ].join('\n');
}

export function registerRuleDocs(context: vscode.ExtensionContext): void {
  const changed = new vscode.EventEmitter<vscode.Uri>();
  context.subscriptions.push(
    changed,
    vscode.workspace.registerTextDocumentContentProvider(DOCS_SCHEME, {
      onDidChange: changed.event,
      provideTextDocumentContent: (uri) => ruleDocsMarkdown(uri.path) ?? `# Not found\n\nNo Flow Vault documentation at ${uri.path}.\n`,
    }),
    vscode.commands.registerCommand('flowVault.showRuleDocs', async (ruleId?: unknown) => {
      let id = typeof ruleId === 'string' ? ruleId : undefined;
      if (!id) {
        const picked = await vscode.window.showQuickPick(
          [
            { label: 'How the quick fixes work', id: FIXES_DOC },
            { label: '', kind: vscode.QuickPickItemKind.Separator, id: '' },
            ...rules.map((r) => ({ label: r.id, description: r.description, id: r.id })),
          ],
          { title: 'Flow Vault documentation', placeHolder: 'Choose a rule' },
        );
        if (!picked) return;
        id = picked.id;
      }
      const uri = id === FIXES_DOC
        ? vscode.Uri.from({ scheme: DOCS_SCHEME, path: `/${FIXES_DOC}.md` })
        : getRule(id) ? ruleDocsUri(id) : undefined;
      if (!uri) {
        void vscode.window.showWarningMessage(`Flow Vault has no rule called "${id}".`);
        return;
      }
      try {
        await vscode.commands.executeCommand('markdown.showPreview', uri);
      } catch {
        await vscode.window.showTextDocument(uri, { preview: true });
      }
      return uri.toString();
    }),
  );
}
