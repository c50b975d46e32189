/**
 * The doctor's view and the commands that need no cloud: show a report, open a fix's page, copy
 * its command, export the report as Markdown. Running the doctor needs the Azure bundle: it is
 * registered there (`runDoctorCommand.ts`) and hands its report over with
 * `flowVault.doctor.showReport`.
 */
import * as vscode from 'vscode';
import type { DoctorReport } from '../../core/doctor/report';
import { formatMarkdown } from '../../core/doctor/reportFormats';
import { DoctorTreeProvider, type DoctorNode } from './doctorTree';

export const DOCTOR_VIEW = 'flowVault.doctor';

export interface DoctorView {
  readonly provider: DoctorTreeProvider;
  readonly view: vscode.TreeView<DoctorNode>;
}

function isReport(value: unknown): value is DoctorReport {
  const r = value as DoctorReport | undefined;
  return !!r && Array.isArray(r.checks) && typeof r.summary === 'object' && typeof r.context === 'object';
}

function checkOf(node: unknown): DoctorNode & { kind: 'check' } | undefined {
  const n = node as DoctorNode | undefined;
  return n?.kind === 'check' ? n : undefined;
}

export function registerDoctorView(context: vscode.ExtensionContext): DoctorView {
  const provider = new DoctorTreeProvider();
  const view = vscode.window.createTreeView(DOCTOR_VIEW, { treeDataProvider: provider, showCollapseAll: true });
  context.subscriptions.push(provider, view);
  const reg = (id: string, fn: (...args: any[]) => unknown): void => {
    context.subscriptions.push(vscode.commands.registerCommand(id, fn));
  };
  reg('flowVault.doctor.showReport', async (report: unknown) => {
    if (!isReport(report)) return;
    provider.show(report);
    const s = report.summary;
    view.message = `${report.context.environment ?? 'No environment'}: ${s.fail} failed, ${s.warn} warning${s.warn === 1 ? '' : 's'}, ${s.pass} passed, ${s.skip} skipped.`;
    await vscode.commands.executeCommand(`${DOCTOR_VIEW}.focus`);
  });
  reg('flowVault.doctor.openFix', async (node?: unknown) => {
    const url = checkOf(node)?.check.fix?.url;
    if (url) await vscode.env.openExternal(vscode.Uri.parse(url));
  });
  reg('flowVault.doctor.copyFixCommand', async (node?: unknown) => {
    const command = checkOf(node)?.check.fix?.command;
    if (!command) return;
    await vscode.env.clipboard.writeText(command);
    void vscode.window.showInformationMessage('Copied the command. Read it before you run it: it changes your Azure resources.');
  });
  reg('flowVault.doctor.exportMarkdown', async () => {
    const report = provider.report;
    if (!report) {
      void vscode.window.showInformationMessage('Run the doctor first: Flow Vault: Check Machine Registration and Credentials.');
      return undefined;
    }
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: formatMarkdown(report) });
    await vscode.window.showTextDocument(doc, { preview: false });
    return doc;
  });
  // Plain snapshots of the report and the tree, for tests and other extensions.
  reg('flowVault.doctor.getReport', () => provider.report);
  const tree = (node?: DoctorNode): TreeSnapshot[] =>
    provider.getChildren(node).map((child) => {
      const below = provider.getChildren(child);
      return { ...snapshot(provider.getTreeItem(child)), ...(below.length ? { children: tree(child) } : {}) };
    });
  reg('flowVault.doctor.getTreeItems', () => tree());
  return { provider, view };
}

interface TreeSnapshot {
  label: string;
  description?: string;
  tooltip?: string;
  icon?: string;
  contextValue?: string;
  children?: TreeSnapshot[];
}

function snapshot(item: vscode.TreeItem): TreeSnapshot {
  const tooltip = item.tooltip instanceof vscode.MarkdownString ? item.tooltip.value : item.tooltip;
  return {
    label: typeof item.label === 'string' ? item.label : (item.label?.label ?? ''),
    description: typeof item.description === 'string' ? item.description : undefined,
    tooltip,
    icon: item.iconPath instanceof vscode.ThemeIcon ? item.iconPath.id : undefined,
    contextValue: item.contextValue,
  };
}
