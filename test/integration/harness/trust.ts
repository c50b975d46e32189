// Grants workspace trust the way a user does: in the Workspace Trust editor, the "Trust" button.
// The in-host suite asks for it by writing a file (FLOW_VAULT_TEST_TRUST_REQUEST) and opening
// that editor itself (workbench.trust.manage); this side watches for the file and clicks.
import * as fs from 'fs';
import type { Page } from 'playwright-core';
import { log } from '../../../src/vscode-server/util';

export interface TrustGrant {
  /** Set when the suite asked for trust, before the click. */
  asked: boolean;
  /** Stops watching (the suite is over). */
  stop(): void;
  /** Resolves once the watcher has stopped; rejects when the click failed. */
  done: Promise<void>;
}

/**
 * Watches for `requestFile`; when it appears, calls `beforeGrant` (to take note of what happened
 * while untrusted), then clicks "Trust" in the Workspace Trust editor.
 */
export function grantTrustWhenAsked(page: Page, requestFile: string, beforeGrant: () => void): TrustGrant {
  let stopped = false;
  const grant: TrustGrant = {
    asked: false,
    stop: () => {
      stopped = true;
    },
    done: Promise.resolve(),
  };
  grant.done = (async () => {
    while (!stopped && !fs.existsSync(requestFile)) {
      await new Promise((r) => setTimeout(r, 200));
    }
    if (stopped) {
      return;
    }
    grant.asked = true;
    beforeGrant();
    const button = page.locator('.workspace-trust-editor .workspace-trust-buttons .monaco-button').filter({ hasText: /^Trust(?! Parent)/ }).first();
    await button.click({ timeout: 30_000 });
    log('workspace trust granted in the Workspace Trust editor');
  })();
  return grant;
}
