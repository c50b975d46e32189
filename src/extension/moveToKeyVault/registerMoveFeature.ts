/** The cloud half of "Move to Key Vault", created when the Azure features load. */
import * as vscode from 'vscode';
import type { AzureResourceService } from '../../azure/resources';
import type { AzureLog } from '../azure/log';
import type { AzureSessionManager } from '../azure/sessionManager';
import { createMoveFeature } from './runMove';
import { sessionCloud } from './sessionCloud';
import type { MoveToKeyVaultFeature } from './types';

export function registerMoveFeature(manager: AzureSessionManager, service: AzureResourceService, log: AzureLog): MoveToKeyVaultFeature {
  return createMoveFeature(sessionCloud(manager, service), log, {
    purgeOnRollback: () => vscode.workspace.getConfiguration('flowVault.moveToKeyVault').get<boolean>('purgeSecretOnRollback', false) === true,
  });
}
