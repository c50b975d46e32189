/**
 * A tree data provider that stands in for one whose code loads later. VS Code gets it for the
 * view at activation; the first time the view asks for anything, it calls `load`, which must
 * `attach` the real provider, and from then on every call and change event goes to and from it.
 */
import * as vscode from 'vscode';

export class LazyTreeDataProvider<T> implements vscode.TreeDataProvider<T>, vscode.Disposable {
  private target: vscode.TreeDataProvider<T> | undefined;
  private forwarding: vscode.Disposable | undefined;
  private readonly emitter = new vscode.EventEmitter<T | T[] | undefined | null | void>();
  readonly onDidChangeTreeData = this.emitter.event;

  constructor(private readonly load: () => void) {}

  /** Hands the view to the real provider (called from `load`). */
  attach(target: vscode.TreeDataProvider<T>): void {
    this.forwarding?.dispose();
    this.target = target;
    this.forwarding = target.onDidChangeTreeData?.((e) => this.emitter.fire(e));
  }

  getTreeItem(element: T): vscode.TreeItem | Thenable<vscode.TreeItem> {
    return this.resolve().getTreeItem(element);
  }

  getChildren(element?: T): vscode.ProviderResult<T[]> {
    return this.resolve().getChildren(element);
  }

  getParent(element: T): vscode.ProviderResult<T> {
    return this.resolve().getParent?.(element);
  }

  private resolve(): vscode.TreeDataProvider<T> {
    if (!this.target) this.load();
    if (!this.target) throw new Error('The view could not be loaded; see the Flow Vault log.');
    return this.target;
  }

  dispose(): void {
    this.forwarding?.dispose();
    this.emitter.dispose();
  }
}
