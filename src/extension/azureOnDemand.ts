/**
 * The cloud half of Flow Vault (sign-in, the Key Vault view, the Azure SDKs) loads on first use,
 * not at activation: it is a bundle of its own (dist/azure.js, see scripts/bundle.js). Its
 * commands and views are declared in package.json, so VS Code shows them at once; until the half
 * is loaded, each cloud command runs a stand-in that loads it and then runs the real command, and
 * the Key Vault and Credentials views have stand-in providers that load it when a view first shows.
 */
import * as vscode from 'vscode';
import type * as Azure from './azure/registerAzure';
import type { CredentialSource } from './credentials';
import type { CredNode } from './credentials/tree/CredNode';
import type { KvNode } from './keyVault/tree/KvNode';
import { LazyTreeDataProvider } from './lazyTreeDataProvider';
import { createTreeView } from './tree/treeView';
import { describeError, type Log } from './log';

const KEY_VAULT_VIEW = 'flowVault.keyVault';
const CREDENTIALS_VIEW = 'flowVault.credentials';
/** The commands that the cloud half registers. */
const CLOUD_COMMAND = /^flowVault\.(azure|keyVault|credentials)\.|^flowVault\.doctor\.(run|rerun)$/;

interface Manifest {
  contributes?: { commands?: { command: string }[] };
}

export interface AzureOnDemand {
  /** Loads the cloud half now (once); its features. */
  load(): Azure.AzureFeatures;
  readonly isLoaded: boolean;
}

export function registerAzureOnDemand(
  context: vscode.ExtensionContext,
  log: Log,
  addCredentialSource?: (source: CredentialSource) => vscode.Disposable,
): AzureOnDemand {
  const declared = ((context.extension.packageJSON as Manifest).contributes?.commands ?? [])
    .map((c) => c.command)
    .filter((id) => CLOUD_COMMAND.test(id));
  const provider = new LazyTreeDataProvider<KvNode>(() => load());
  const view = createTreeView(KEY_VAULT_VIEW, provider);
  context.subscriptions.push(view, provider);
  const credentialsProvider = new LazyTreeDataProvider<CredNode>(() => load());
  const credentialsView = createTreeView(CREDENTIALS_VIEW, credentialsProvider);
  context.subscriptions.push(credentialsView, credentialsProvider);

  let features: Azure.AzureFeatures | undefined;
  const standIns = declared.map((id) =>
    vscode.commands.registerCommand(id, (...args: unknown[]) => {
      load();
      return vscode.commands.executeCommand(id, ...args);
    }),
  );
  context.subscriptions.push(...standIns);

  function load(): Azure.AzureFeatures {
    if (features) return features;
    const started = performance.now();
    let azure: typeof Azure;
    try {
      // Bundled as require('./azure.js') (scripts/bundle.js).
      azure = require('./azure/registerAzure') as typeof Azure;
    } catch (e) {
      log.error(`Could not load the Azure features: ${describeError(e)}`);
      void vscode.window.showErrorMessage('Flow Vault could not load its Azure features. See the Flow Vault log for details.');
      throw e;
    }
    for (const s of standIns) s.dispose();
    features = azure.registerAzure(
      context,
      log,
      (real) => {
        provider.attach(real);
        return view;
      },
      {
        mountCredentialsView: (real) => {
          credentialsProvider.attach(real);
          return credentialsView;
        },
        addCredentialSource,
      },
    );
    log.info(`Loaded the Azure features in ${Math.round(performance.now() - started)} ms.`);
    return features;
  }

  return {
    load,
    get isLoaded() {
      return features !== undefined;
    },
  };
}
