/**
 * Credential → username and password variables → the Key Vault secret the password points at,
 * and "Used by": the environment's desktop flows and the workspace files that read the
 * credential with Get credential. Nothing here holds a secret value: the records carry user
 * names (not secret) and vault references.
 */
import * as vscode from 'vscode';
import type { CredentialRecordFacts } from '../../../core/credentials/facts';
import type { DesktopFlowRecord } from '../../../azure/dataverse/types';
import { classifyAzureError, isAzureProblem, AzureProblemError } from '../../../azure/errors';
import type { HealthJob } from '../healthQueue';
import {
  credentialDescription,
  credentialTooltip,
  healthIcon,
  passwordTarget,
  usedByDescription,
  variableDescription,
  type HealthState,
} from '../presentation';
import { md } from '../../tree/markdown';
import { ErrorNode, InfoNode } from '../../tree/statusNodes';
import { TreeNode } from '../../tree/TreeNode';
import { icon, type CredNode, type CredNodeKind, type CredNodeSnapshot, type CredServices } from './CredNode';
import type { EnvironmentNode } from './environmentNodes';

export class CredentialNode extends TreeNode<CredNodeKind> implements HealthJob {
  readonly kind = 'credential' as const;
  readonly id: string;
  health: HealthState = { state: 'pending' };
  private usedByNode: UsedByNode | undefined;

  constructor(
    readonly environmentNode: EnvironmentNode,
    public facts: CredentialRecordFacts,
    private readonly services: CredServices,
  ) {
    super(environmentNode);
    this.id = `${environmentNode.id}|${facts.id}`;
  }

  get name(): string {
    return this.facts.name;
  }

  /** The health check (queued by the environment once the row is shown). */
  async run(signal: AbortSignal): Promise<void> {
    if (signal.aborted || this.health.state === 'done') return;
    this.health = { state: 'checking' };
    try {
      const health = await this.services.backend.checkHealth(this.environmentNode.account, this.environmentNode.environment, this.facts, signal);
      this.health = { state: 'done', health };
    } catch (e) {
      if (signal.aborted) {
        this.health = { state: 'pending' };
      } else {
        const p = e instanceof AzureProblemError ? e.problem : isAzureProblem(e) ? e : classifyAzureError(e, { operation: 'readVault' });
        this.health = { state: 'failed', reason: p.message };
        this.services.log.warn(`Health of credential ${this.facts.name} could not be checked: [${p.kind}] ${p.message}`);
      }
    }
    this.services.changed(this);
  }

  /** Checks health again (refresh of one row). */
  recheck(): void {
    this.health = { state: 'pending' };
    this.services.changed(this);
    this.services.health.add([this]);
  }

  getTreeItem(): vscode.TreeItem {
    const c = this.facts;
    const item = new vscode.TreeItem(c.name, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.description = credentialDescription(c, this.health);
    item.tooltip = new vscode.MarkdownString(credentialTooltip(c, this.environmentNode.environment.friendlyName, this.health));
    item.iconPath = icon(healthIcon(this.health, c.active));
    const level = this.health.state === 'done' ? this.health.health.level : this.health.state;
    const tokens = ['flowVault.credential', level];
    if (passwordTarget(c).kind === 'keyVault') tokens.push('keyVault');
    item.contextValue = tokens.join(';');
    return item;
  }

  override getChildren(): CredNode[] {
    const c = this.facts;
    const nodes: CredNode[] = [];
    if (c.username) nodes.push(new VariableNode(this, 'username'));
    if (c.password) nodes.push(new VariableNode(this, 'password'));
    nodes.push(this.usedBy());
    return nodes;
  }

  usedBy(): UsedByNode {
    return (this.usedByNode ??= new UsedByNode(this, this.services));
  }

  usedByChanged(): void {
    if (this.usedByNode?.started) this.services.changed(this.usedByNode);
  }

  override snapshot(): CredNodeSnapshot {
    return { ...super.snapshot(), health: this.health.state === 'done' ? `${this.health.health.level}:${this.health.health.state}` : this.health.state };
  }
}

// ---------------------------------------------------------------------------------------------

export class VariableNode extends TreeNode<CredNodeKind> {
  readonly kind = 'variable' as const;
  readonly id: string;

  constructor(
    readonly credentialNode: CredentialNode,
    readonly role: 'username' | 'password',
  ) {
    super(credentialNode);
    this.id = `${credentialNode.id}|${role}`;
  }

  getTreeItem(): vscode.TreeItem {
    const c = this.credentialNode.facts;
    const v = this.role === 'username' ? c.username! : c.password!;
    const target = passwordTarget(c);
    const hasSecret = this.role === 'password' && target.kind !== 'missing';
    const item = new vscode.TreeItem(
      `${this.role === 'username' ? 'User name' : 'Password'}: ${v.displayName ?? v.schemaName}`,
      hasSecret ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None,
    );
    item.id = this.id;
    item.description = variableDescription(this.role, c);
    item.iconPath = icon({ id: this.role === 'username' ? 'person' : 'lock' });
    item.contextValue = `flowVault.credentialVariable;${this.role}`;
    item.tooltip = new vscode.MarkdownString(
      `Environment variable **${md(v.schemaName)}**${v.displayName ? ` (${md(v.displayName)})` : ''}\n\n` +
        (this.role === 'username'
          ? 'A text variable: the user name Get credential returns.'
          : 'A secret variable: it holds the path of a Key Vault secret, and Power Automate reads the secret at run time. The value is never shown.'),
    );
    return item;
  }

  override getChildren(): CredNode[] {
    if (this.role !== 'password') return [];
    const target = passwordTarget(this.credentialNode.facts);
    switch (target.kind) {
      case 'keyVault':
        return [new SecretRefNode(this)];
      case 'malformed':
        return [
          new InfoNode(this, `${this.id}|malformed`, 'Not a Key Vault secret reference', {
            icon: 'warning',
            tooltip: 'The variable should hold /subscriptions/{id}/resourceGroups/{group}/providers/Microsoft.KeyVault/vaults/{vault}/secrets/{name}.',
          }),
        ];
      case 'notKeyVault':
        return [new InfoNode(this, `${this.id}|notKeyVault`, target.what, { icon: 'info' })];
      default:
        return [];
    }
  }
}

export class SecretRefNode extends TreeNode<CredNodeKind> {
  readonly kind = 'secret' as const;
  readonly id: string;

  constructor(readonly variableNode: VariableNode) {
    super(variableNode);
    this.id = `${variableNode.id}|secret`;
  }

  get credentialNode(): CredentialNode {
    return this.variableNode.credentialNode;
  }

  /** The reference (the target is known to be a Key Vault path). */
  get ref() {
    const t = passwordTarget(this.credentialNode.facts);
    if (t.kind !== 'keyVault') throw new Error('not a Key Vault reference');
    return t.ref;
  }

  getTreeItem(): vscode.TreeItem {
    const r = this.ref;
    const item = new vscode.TreeItem(r.secretName, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.description = `vault ${r.vaultName} · ${r.resourceGroup}`;
    item.iconPath = icon({ id: 'key' });
    item.contextValue = 'flowVault.credentialSecret';
    item.tooltip = new vscode.MarkdownString(
      `Key Vault secret **${md(r.secretName)}** in vault ${md(r.vaultName)}\n\n| | |\n|---|---|\n| Subscription | \`${r.subscriptionId}\` |\n| Resource group | ${md(r.resourceGroup)} |\n\nClick to show it in the Key Vault view.`,
    );
    item.command = { command: 'flowVault.credentials.revealSecret', title: 'Reveal in Key Vault View', arguments: [this] };
    return item;
  }
}

// ---------------------------------------------------------------------------------------------

export class UsedByNode extends TreeNode<CredNodeKind> {
  readonly kind = 'usedBy' as const;
  readonly id: string;
  started = false;
  private files: readonly vscode.Uri[] | undefined;
  private filesFailed = false;
  private loading: Promise<void> | undefined;

  constructor(
    readonly credentialNode: CredentialNode,
    private readonly services: CredServices,
  ) {
    super(credentialNode);
    this.id = `${credentialNode.id}|usedBy`;
  }

  private get environmentNode(): EnvironmentNode {
    return this.credentialNode.environmentNode;
  }

  private start(): Promise<void> {
    this.started = true;
    return (this.loading ??= (async () => {
      const flows = this.environmentNode.ensureFlows();
      const files = this.services.workspace.filesUsing(this.credentialNode.name).then(
        (f) => {
          this.files = f;
        },
        () => {
          this.filesFailed = true;
        },
      );
      await Promise.all([flows, files]);
      this.services.changed(this);
    })());
  }

  override whenLoaded(): Promise<void> {
    return this.start();
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem('Used by', vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    const flows = this.environmentNode.flows.state === 'done' ? this.environmentNode.flowsUsing(this.credentialNode.name).length : undefined;
    item.description = this.started ? usedByDescription(flows, this.files?.length) : 'desktop flows and workspace files';
    item.iconPath = icon({ id: 'references' });
    item.contextValue = 'flowVault.credentialUsedBy';
    item.tooltip = 'The desktop flows of this environment and the files of this workspace that read this credential with a Get credential action.';
    return item;
  }

  override getChildren(): CredNode[] {
    void this.start();
    const env = this.environmentNode;
    const nodes: CredNode[] = [];
    const flowList = env.flows;
    for (const f of env.flowsUsing(this.credentialNode.name)) nodes.push(new FlowNode(this, f, env));
    if (flowList.state === 'loading' || flowList.state === 'idle') {
      nodes.push(new InfoNode(this, `${this.id}|loadingFlows`, 'Reading desktop flows…', { icon: 'loading~spin', description: `${flowList.items.length} so far` }));
    } else if (flowList.state === 'error' && flowList.problem) {
      nodes.push(new ErrorNode(this, `${this.id}|flowsError`, flowList.problem, { retry: () => flowList.loadMore() }));
    }
    if (this.files === undefined && !this.filesFailed) {
      nodes.push(new InfoNode(this, `${this.id}|loadingFiles`, 'Searching the workspace…', { icon: 'loading~spin' }));
    } else {
      for (const uri of this.files ?? []) nodes.push(new FileNode(this, uri));
    }
    if (nodes.length === 0) nodes.push(new InfoNode(this, `${this.id}|none`, 'No desktop flow or workspace file reads this credential', { icon: 'circle-slash' }));
    return nodes;
  }
}

export class FlowNode extends TreeNode<CredNodeKind> {
  readonly kind = 'flow' as const;
  readonly id: string;

  constructor(
    parent: UsedByNode,
    readonly flow: DesktopFlowRecord,
    private readonly environmentNode: EnvironmentNode,
  ) {
    super(parent);
    this.id = `${parent.id}|flow|${flow.id}`;
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.flow.name, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    const bits = ['desktop flow'];
    if (!this.flow.active) bits.push('off');
    if (this.flow.modifiedOn) bits.push(`modified ${this.flow.modifiedOn.slice(0, 10)}`);
    item.description = bits.join(' · ');
    item.iconPath = icon({ id: 'type-hierarchy-sub' });
    item.contextValue = 'flowVault.credentialFlow';
    item.tooltip = `Desktop flow ${this.flow.name} in ${this.environmentNode.environment.friendlyName} reads this credential with Get credential.`;
    return item;
  }
}

export class FileNode extends TreeNode<CredNodeKind> {
  readonly kind = 'file' as const;
  readonly id: string;

  constructor(
    parent: UsedByNode,
    readonly uri: vscode.Uri,
  ) {
    super(parent);
    this.id = `${parent.id}|file|${uri.toString()}`;
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(vscode.workspace.asRelativePath(this.uri), vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.resourceUri = this.uri;
    item.description = 'workspace file';
    item.iconPath = vscode.ThemeIcon.File;
    item.contextValue = 'flowVault.credentialFile';
    item.command = { command: 'vscode.open', title: 'Open', arguments: [this.uri] };
    return item;
  }
}
