/**
 * The doctor's report as a tree: groups, then their checks with a pass/warn/fail/skip icon, the
 * subject as description, the evidence and the fix in the tooltip. Check items carry what their
 * fix offers in `contextValue` (`.url`, `.command`) so that the menus show only what applies.
 */
import * as vscode from 'vscode';
import type { DoctorReport } from '../../core/doctor/report';
import { CHECK_GROUPS, GROUP_TITLES, type CheckGroup, type CheckStatus, type DoctorCheck } from '../../core/doctor/types';

export type DoctorNode =
  | { readonly kind: 'group'; readonly group: CheckGroup; readonly checks: readonly DoctorCheck[] }
  /** One credential's checks. */
  | { readonly kind: 'subject'; readonly group: CheckGroup; readonly subject: string; readonly checks: readonly DoctorCheck[] }
  | { readonly kind: 'check'; readonly check: DoctorCheck; readonly index: number };

/** Groups whose checks are shown under their subject (each credential its own node). */
const BY_SUBJECT: ReadonlySet<CheckGroup> = new Set(['credential']);

const ICONS: Readonly<Record<CheckStatus, vscode.ThemeIcon>> = {
  pass: new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed')),
  warn: new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground')),
  fail: new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground')),
  skip: new vscode.ThemeIcon('circle-slash', new vscode.ThemeColor('disabledForeground')),
};

/** Markdown text of plain words (names and evidence may hold `*`, `_`, `[`…). */
function escape(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+!|<>]/g, '\\$&').replace(/\r?\n/g, ' ');
}

const WORST: readonly CheckStatus[] = ['fail', 'warn', 'pass', 'skip'];

export class DoctorTreeProvider implements vscode.TreeDataProvider<DoctorNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<DoctorNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private current: DoctorReport | undefined;

  get report(): DoctorReport | undefined {
    return this.current;
  }

  show(report: DoctorReport | undefined): void {
    this.current = report;
    void vscode.commands.executeCommand('setContext', 'flowVault.doctor.hasReport', report !== undefined);
    this.changed.fire(undefined);
  }

  getChildren(node?: DoctorNode): DoctorNode[] {
    const report = this.current;
    if (!report) return [];
    if (!node) {
      return CHECK_GROUPS.map((group) => ({ kind: 'group' as const, group, checks: report.checks.filter((c) => c.group === group) })).filter((g) => g.checks.length > 0);
    }
    const checks = (list: readonly DoctorCheck[]): DoctorNode[] => list.map((check) => ({ kind: 'check' as const, check, index: report.checks.indexOf(check) }));
    if (node.kind === 'group' && BY_SUBJECT.has(node.group)) {
      const subjects = [...new Set(node.checks.map((c) => c.subject ?? ''))];
      return subjects.map((subject) => ({ kind: 'subject' as const, group: node.group, subject, checks: node.checks.filter((c) => (c.subject ?? '') === subject) }));
    }
    if (node.kind === 'group' || node.kind === 'subject') return checks(node.checks);
    return [];
  }

  getTreeItem(node: DoctorNode): vscode.TreeItem {
    if (node.kind === 'group' || node.kind === 'subject') {
      const worst = WORST.find((s) => node.checks.some((c) => c.status === s)) ?? 'skip';
      const count = (s: CheckStatus) => node.checks.filter((c) => c.status === s).length;
      const label = node.kind === 'group' ? GROUP_TITLES[node.group] : node.subject;
      const item = new vscode.TreeItem(label, worst === 'fail' || worst === 'warn' ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
      item.id = node.kind === 'group' ? `group:${node.group}` : `subject:${node.group}:${node.subject}`;
      item.iconPath = ICONS[worst];
      item.description = [count('fail') && `${count('fail')} failed`, count('warn') && `${count('warn')} warning${count('warn') === 1 ? '' : 's'}`, `${count('pass')} passed`, count('skip') && `${count('skip')} skipped`].filter(Boolean).join(', ');
      item.contextValue = node.kind === 'group' ? 'doctorGroup' : 'doctorSubject';
      return item;
    }
    const c = node.check;
    const item = new vscode.TreeItem(c.title, vscode.TreeItemCollapsibleState.None);
    item.id = `check:${node.index}:${c.id}:${c.subject ?? ''}`;
    item.iconPath = ICONS[c.status];
    // Under a credential's node the subject is the parent; elsewhere it names the vault or host.
    item.description = c.subject && !BY_SUBJECT.has(c.group) ? `${c.subject}: ${c.evidence}` : c.evidence;
    const tip = new vscode.MarkdownString();
    tip.appendMarkdown(`**${c.title}**${c.subject ? ` — ${c.subject}` : ''} (\`${c.id}\`, ${c.status})\n\n`);
    tip.appendMarkdown(escape(c.evidence));
    if (c.fix && c.status !== 'pass') {
      tip.appendMarkdown(`\n\n**Fix:** ${escape(c.fix.text)}`);
      if (c.fix.command) tip.appendCodeblock(c.fix.command, 'sh');
      if (c.fix.url) tip.appendMarkdown(`\n\n[${c.fix.url.length > 80 ? 'Open the page' : c.fix.url}](${c.fix.url})`);
    }
    item.tooltip = tip;
    item.accessibilityInformation = { label: `${c.status}: ${c.title}${c.subject ? `, ${c.subject}` : ''}. ${c.evidence}` };
    const fix = c.fix && c.status !== 'pass' ? c.fix : undefined;
    item.contextValue = `doctorCheck.${c.status}${fix?.url ? '.url' : ''}${fix?.command ? '.command' : ''}`;
    return item;
  }

  dispose(): void {
    this.changed.dispose();
  }
}
