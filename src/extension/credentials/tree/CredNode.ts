/**
 * The nodes of the Credentials view and what they share. Ids carry account, tenant, environment
 * and record, so the same environment seen by two accounts gives two distinct nodes.
 */
import * as vscode from 'vscode';
import type { AzureSessionManager } from '../../azure/sessionManager';
import type { AzureLog } from '../../azure/log';
import type { AzureResourceService } from '../../../azure/resources';
import type { CredentialsBackend } from '../backend';
import type { HealthQueue } from '../healthQueue';
import type { SecretUsage } from '../secretUsage';
import type { IconSpec } from '../presentation';
import type { CredentialsSettings } from '../settings';
import type { WorkspaceUsage } from '../workspaceUsage';

export type CredNodeKind =
  | 'tenant'
  | 'environment'
  | 'credential'
  | 'variable'
  | 'secret'
  | 'usedBy'
  | 'flow'
  | 'file'
  | 'loading'
  | 'loadMore'
  | 'error'
  | 'info';

/** A plain description of a node: what the tree shows, for tests and other features. */
export interface CredNodeSnapshot {
  readonly id: string;
  readonly kind: CredNodeKind;
  readonly label: string;
  readonly description?: string;
  readonly tooltip?: string;
  readonly contextValue?: string;
  readonly icon?: string;
  readonly iconColor?: string;
  readonly collapsible: 'none' | 'collapsed' | 'expanded';
  readonly command?: string;
  /** Present on error nodes. */
  readonly problemKind?: string;
  /** Present on credential nodes: `pending`, `checking`, `failed`, or the health level and state (`error:secret-expired`). */
  readonly health?: string;
}

export interface CredServices {
  readonly manager: AzureSessionManager;
  readonly resources: AzureResourceService;
  readonly backend: CredentialsBackend;
  readonly log: AzureLog;
  readonly usage: SecretUsage;
  readonly health: HealthQueue;
  readonly workspace: WorkspaceUsage;
  settings(): CredentialsSettings;
  /** Re-renders a node (the root when undefined). */
  changed(node: CredNode | undefined): void;
  /** Loads everything again. */
  reload(): Promise<void>;
  /** Shows progress in the view while `p` runs. */
  progress(p: Promise<unknown>): void;
}

export abstract class CredNode {
  abstract readonly id: string;
  abstract readonly kind: CredNodeKind;

  constructor(readonly parent: CredNode | undefined) {}

  abstract getTreeItem(): vscode.TreeItem;

  getChildren(): CredNode[] | Promise<CredNode[]> {
    return [];
  }

  /** Waits until this node's own loading (if any) settles; used by tests and commands. */
  async whenLoaded(): Promise<void> {}

  snapshot(): CredNodeSnapshot {
    const item = this.getTreeItem();
    const label = typeof item.label === 'string' ? item.label : item.label?.label ?? '';
    const tooltip = item.tooltip === undefined ? undefined : typeof item.tooltip === 'string' ? item.tooltip : item.tooltip.value;
    const icon = item.iconPath instanceof vscode.ThemeIcon ? item.iconPath : undefined;
    return {
      id: this.id,
      kind: this.kind,
      label,
      description: typeof item.description === 'string' ? item.description : undefined,
      tooltip,
      contextValue: item.contextValue,
      icon: icon?.id,
      iconColor: (icon?.color as unknown as { id?: string } | undefined)?.id,
      collapsible:
        item.collapsibleState === vscode.TreeItemCollapsibleState.Expanded
          ? 'expanded'
          : item.collapsibleState === vscode.TreeItemCollapsibleState.Collapsed
            ? 'collapsed'
            : 'none',
      command: item.command?.command,
    };
  }
}

export function icon(spec: IconSpec): vscode.ThemeIcon {
  return spec.color ? new vscode.ThemeIcon(spec.id, new vscode.ThemeColor(spec.color)) : new vscode.ThemeIcon(spec.id);
}
