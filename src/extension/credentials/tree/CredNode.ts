/**
 * The nodes of the Credentials view and what they share (the node class is ../../tree/TreeNode).
 * Ids carry account, tenant, environment and record, so the same environment seen by two
 * accounts gives two distinct nodes.
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
import { themeIcon, type StatusKind, type TreeNode, type TreeNodeSnapshot, type TreeSpec } from '../../tree/TreeNode';

export type CredNodeKind =
  | 'tenant'
  | 'environment'
  | 'credential'
  | 'variable'
  | 'secret'
  | 'usedBy'
  | 'flow'
  | 'file'
  | StatusKind;

/** A plain description of a node: what the tree shows, for tests and other features. */
export type CredNodeSnapshot = TreeNodeSnapshot<CredNodeKind>;

/** A node of the Credentials view. */
export type CredNode = TreeNode<CredNodeKind>;

export const CREDENTIALS_TREE: TreeSpec = {
  viewId: 'flowVault.credentials',
  commands: { loadMore: 'flowVault.credentials.loadMore', cancelLoading: 'flowVault.credentials.cancelLoading', retry: 'flowVault.credentials.retry' },
  signInIconWithoutTenant: false,
};

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

export function icon(spec: IconSpec): vscode.ThemeIcon {
  return themeIcon(spec.id, spec.color);
}
