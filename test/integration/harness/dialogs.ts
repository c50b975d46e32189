// What a user does with a modal dialog and sees in a notification, for the in-host suite: an
// extension can neither answer a modal dialog nor read a notification, so the suite asks this side
// by writing a request (FLOW_VAULT_TEST_DIALOG_REQUEST, JSON):
//   { message, button }  before the command that shows a modal dialog: this side waits for the
//                        dialog whose text holds `message` and clicks `button`;
//   { message }          after a command showed a notification: this side writes the text of the
//                        notification that holds `message` to `<request>.text`.
// Then it removes the request; when it could not do it, it writes why to `<request>.error`.
import * as fs from 'fs';
import type { Page } from 'playwright-core';
import { log } from '../../../src/vscode-server/util';

/** What the suite asks for (test/integration/suite/helpers.ts, answerDialog). */
export interface DialogRequest {
  /** A part of the dialog's message. */
  message: string;
  /** The label of the button to click; none to read a notification. */
  button?: string;
}

export interface DialogAnswerer {
  /** How many requests were done. */
  answered: number;
  /** Stops watching (the suite is over). */
  stop(): void;
  /** Resolves once the watcher has stopped. */
  done: Promise<void>;
}

export function answerDialogsWhenAsked(page: Page, requestFile: string): DialogAnswerer {
  let stopped = false;
  const answerer: DialogAnswerer = {
    answered: 0,
    stop: () => {
      stopped = true;
    },
    done: Promise.resolve(),
  };
  answerer.done = (async () => {
    while (!stopped) {
      if (!fs.existsSync(requestFile)) {
        await new Promise((r) => setTimeout(r, 100));
        continue;
      }
      try {
        const request = JSON.parse(fs.readFileSync(requestFile, 'utf8')) as DialogRequest;
        if (request.button === undefined) {
          const toast = page.locator('.notification-toast', { hasText: request.message }).first();
          fs.writeFileSync(`${requestFile}.text`, await toast.locator('.notification-list-item-message').innerText({ timeout: 30_000 }));
        } else {
          const dialog = page.locator('.monaco-dialog-box', { hasText: request.message });
          await dialog.locator('.dialog-buttons > .monaco-button', { hasText: new RegExp(`^${escapeRegExp(request.button)}$`) }).click({ timeout: 30_000 });
          await dialog.waitFor({ state: 'detached', timeout: 30_000 });
          log(`dialog answered: ${request.button}`);
        }
        answerer.answered++;
      } catch (err) {
        fs.writeFileSync(`${requestFile}.error`, err instanceof Error ? err.message.split('\n')[0] : String(err));
      } finally {
        fs.rmSync(requestFile, { force: true });
      }
    }
  })();
  return answerer;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
