/**
 * The tree framework that the Key Vault and Credentials views share (src/extension/tree): each
 * view's status rows run that view's commands, the error row's sign-in icon follows the view's
 * rule, commands take only their own view's nodes, and Load More / Cancel / Retry find the list.
 */
import * as assert from 'node:assert/strict';
import { installVscodeStub } from '../../support/vscodeStub';
import type { AzureProblem } from '../../../src/azure/errors';
import type { PagedListState } from '../../../src/azure/pagedList';

installVscodeStub();
/* eslint-disable @typescript-eslint/no-require-imports */
const { TreeNode } = require('../../../src/extension/tree/TreeNode') as typeof import('../../../src/extension/tree/TreeNode');
const { ErrorNode, InfoNode, listTail } = require('../../../src/extension/tree/statusNodes') as typeof import('../../../src/extension/tree/statusNodes');
const { resolveTreeNode } = require('../../../src/extension/tree/resolveNode') as typeof import('../../../src/extension/tree/resolveNode');
const { listCommands } = require('../../../src/extension/tree/listCommands') as typeof import('../../../src/extension/tree/listCommands');
const { KEY_VAULT_TREE } = require('../../../src/extension/keyVault/tree/KvNode') as typeof import('../../../src/extension/keyVault/tree/KvNode');
const { CREDENTIALS_TREE } = require('../../../src/extension/credentials/tree/CredNode') as typeof import('../../../src/extension/credentials/tree/CredNode');
/* eslint-enable @typescript-eslint/no-require-imports */

type TreeSpec = import('../../../src/extension/tree/TreeNode').TreeSpec;
type Node = import('../../../src/extension/tree/TreeNode').TreeNode<'box'>;

/** A node that owns a paged list of `total` items, two a page. */
class Box extends TreeNode<'box'> {
  readonly kind = 'box' as const;
  readonly noun = 'things';
  readonly list: { items: number[]; state: PagedListState; problem?: AzureProblem } = { items: [], state: 'idle' };
  cancelled = 0;
  constructor(
    tree: TreeSpec,
    readonly id: string,
    private readonly total: number,
  ) {
    super(tree);
  }
  getTreeItem() {
    return new (require('vscode') as typeof import('vscode')).TreeItem(this.id);
  }
  override getChildren(): Node[] {
    return [...listTail<'box'>(this, {}, 'Nothing here')];
  }
  async loadMore(): Promise<void> {
    const n = this.list.items.length;
    this.list.items.push(...[n, n + 1].filter((i) => i < this.total));
    this.list.state = this.list.items.length < this.total ? 'more' : 'done';
  }
  cancelLoading(): void {
    this.cancelled++;
  }
  async retry(): Promise<void> {
    await this.loadMore();
  }
}

function provider(...roots: Node[]) {
  return {
    cancelledAll: 0,
    async findById(id: string, options: { load?: boolean }): Promise<Node | undefined> {
      this.lastLoad = options.load;
      for (const r of roots) {
        if (r.id === id) return r;
        const below = (await r.getChildren()).find((c) => c.id === id);
        if (below) return below;
      }
      return undefined;
    },
    lastLoad: undefined as boolean | undefined,
    cancelAll() {
      this.cancelledAll++;
    },
  };
}

const signInProblem: AzureProblem = { kind: 'signInRequired', title: 'Sign in to tenant Contoso', message: 'Sign in to tenant Contoso: your session expired.', actions: ['signIn', 'retry'] };

describe('tree framework shared by the Key Vault and Credentials views', () => {
  it("status rows run their own view's Load More, Cancel Loading and Retry commands", async () => {
    for (const tree of [KEY_VAULT_TREE, CREDENTIALS_TREE]) {
      const box = new Box(tree, 'b', 5);
      await box.loadMore();
      const [more] = box.getChildren();
      assert.equal(more.kind, 'loadMore');
      const moreItem = more.getTreeItem();
      assert.equal(moreItem.command?.command, tree.commands.loadMore);
      assert.equal(moreItem.label, 'Load more…');
      assert.equal(moreItem.description, '2 things loaded');
      assert.equal(moreItem.contextValue, 'flowVault.loadMore');
      box.list.state = 'loading';
      const [loading] = box.getChildren();
      assert.equal(loading.id, 'b|loading');
      assert.equal(loading.getTreeItem().command?.command, tree.commands.cancelLoading);
      box.list.state = 'error';
      box.list.problem = { kind: 'network', title: 'Network error', message: 'Network error: the host did not answer.', actions: ['retry'] };
      const [error] = box.getChildren();
      const errorItem = error.getTreeItem();
      assert.equal(errorItem.command?.command, tree.commands.retry);
      assert.equal(errorItem.description, 'the host did not answer.');
      assert.equal(errorItem.contextValue, 'flowVault.error;network;retry');
    }
    assert.equal(KEY_VAULT_TREE.commands.loadMore, 'flowVault.keyVault.loadMore');
    assert.equal(CREDENTIALS_TREE.commands.loadMore, 'flowVault.credentials.loadMore');
  });

  it('an empty list shows its label, or the row it was given', async () => {
    const box = new Box(KEY_VAULT_TREE, 'b', 0);
    await box.loadMore();
    const [empty] = box.getChildren();
    assert.equal(empty.kind, 'info');
    assert.equal(empty.snapshot().label, 'Nothing here');
    assert.equal(empty.snapshot().icon, 'circle-slash');
    const own = new InfoNode<'box'>(box, 'b|own', 'Make one', { contextValue: 'custom' });
    assert.deepEqual(listTail<'box'>(box, {}, own), [own]);
    box.list.items.push(1);
    assert.deepEqual(listTail<'box'>(box, {}, own), [], 'a list with items has no empty row');
  });

  it("an error row asking for sign-in, with no tenant to sign in to, shows the sign-in icon in the Key Vault view only", () => {
    const retry = async () => {};
    const kv = new ErrorNode<'box'>(KEY_VAULT_TREE, 'a|problem', signInProblem, { retry }).snapshot();
    const cred = new ErrorNode<'box'>(CREDENTIALS_TREE, 'a|problem', signInProblem, { retry }).snapshot();
    assert.equal(kv.icon, 'sign-in');
    assert.equal(cred.icon, 'error');
    for (const s of [kv, cred]) {
      assert.equal(s.contextValue, 'flowVault.error;signInRequired;retry', 'no sign-in action without a tenant');
      assert.equal(s.problemKind, 'signInRequired');
    }
    assert.equal(kv.command, 'flowVault.keyVault.retry');
    assert.equal(cred.command, 'flowVault.credentials.retry');
    const tenantRef = { accountId: 'a', tenantId: 't' };
    for (const tree of [KEY_VAULT_TREE, CREDENTIALS_TREE]) {
      const s = new ErrorNode<'box'>(tree, 'a|problem', signInProblem, { retry, tenantRef }).snapshot();
      assert.equal(s.icon, 'sign-in');
      assert.equal(s.command, 'flowVault.azure.signInToTenant');
      assert.equal(s.contextValue, 'flowVault.error;signInRequired;retry;signIn');
    }
  });

  it("a command takes its own view's node, and never another view's node of the same kind", async () => {
    const kvBox = new Box(KEY_VAULT_TREE, 'same-id', 3);
    const credBox = new Box(CREDENTIALS_TREE, 'same-id', 3);
    const kvProvider = provider(kvBox);
    assert.equal(await resolveTreeNode(KEY_VAULT_TREE, kvProvider, kvBox, ['box']), kvBox);
    assert.equal(await resolveTreeNode(KEY_VAULT_TREE, kvProvider, 'same-id', ['box']), kvBox);
    assert.equal(await resolveTreeNode(KEY_VAULT_TREE, kvProvider, { id: 'same-id' }, ['box']), kvBox);
    assert.equal(await resolveTreeNode(KEY_VAULT_TREE, provider(), credBox, ['box']), undefined, "another view's node is looked up by id, and not found");
    assert.equal(await resolveTreeNode(KEY_VAULT_TREE, kvProvider, kvBox, ['loadMore']), undefined, 'a node of another kind');
  });

  it('Load More, Cancel Loading and Retry find the list behind a row', async () => {
    const box = new Box(CREDENTIALS_TREE, 'b', 5);
    await box.loadMore();
    const p = provider(box);
    const commands = listCommands<'box'>(CREDENTIALS_TREE, p, ['box']);
    const [more] = box.getChildren();
    assert.equal(await commands.loadMore(more), 4);
    assert.equal(await commands.loadMore('b'), 5);
    assert.equal(box.list.state, 'done');
    assert.equal(await commands.loadMore(new Box(KEY_VAULT_TREE, 'other', 2)), undefined, "another view's list is left alone");

    box.list.state = 'loading';
    assert.equal(await commands.cancelLoading('b|loading'), true);
    assert.equal(p.lastLoad, false, 'cancel does not wait for the loading it stops');
    assert.equal(box.cancelled, 1);
    assert.equal(await commands.cancelLoading(undefined), true);
    assert.equal(p.cancelledAll, 1);
    assert.equal(await commands.cancelLoading('nothing|loading'), false);

    box.list.state = 'error';
    box.list.problem = { kind: 'network', title: 'Network error', message: 'Network error', actions: ['retry'] };
    const [error] = box.getChildren();
    assert.equal(await commands.retry(error), true);
    assert.equal(await commands.retry(box), false, 'retry runs only on an error row');
  });
});
