/** Unexpected errors, named without their message (a message may quote file content). */

export { errorName } from '../core/errorName';

export const DEBUG_HINT = 'Set FLOW_VAULT_DEBUG=1 to see the details (they may quote file content), and please report it.';
