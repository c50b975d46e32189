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
          fs.writeFileSync(`${requestFile}.text`, await notificationText(page, request.message));
        } else {
          const dialog = page.locator('.monaco-dialog-box', { hasText: request.message });
          await dialog.locator('.dialog-buttons > .monaco-button', { hasText: new RegExp(`^${escapeRegExp(request.button)}$`) }).click({ timeout: 30_000 });
          await dialog.waitFor({ state: 'detached', timeout: 30_000 });
          log(`dialog answered: ${request.button}`);
        }
        answerer.answered++;
      } catch (err) {
        const shown = await page
          .locator('.notification-toast .notification-list-item-message, .monaco-dialog-box .dialog-message')
          .allInnerTexts()
          .catch(() => []);
        const reason = err instanceof Error ? err.message.split('\n')[0] : String(err);
        fs.writeFileSync(`${requestFile}.error`, `${reason} (the workbench shows ${shown.length ? shown.map((t) => JSON.stringify(t)).join(', ') : 'no dialog and no notification toast'})`);
      } finally {
        fs.rmSync(requestFile, { force: true });
      }
    }
  })();
  return answerer;
}

/**
 * The text of the notification that holds `message`: its toast, or, where no toast shows (Do Not
 * Disturb, or toasts crowded out), its entry in the notification center, opened from the status bar.
 */
async function notificationText(page: Page, message: string): Promise<string> {
  const item = (scope: string) => page.locator(`${scope} .notification-list-item-message`, { hasText: message }).first();
  const toast = item('.notification-toast');
  if (await toast.waitFor({ timeout: 5_000 }).then(() => true, () => false)) return toast.innerText();
  await page.locator('.statusbar-item[id="status.notifications"]').first().click();
  const listed = item('.notifications-center');
  try {
    return await listed.innerText({ timeout: 30_000 });
  } finally {
    await page.keyboard.press('Escape');
  }
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
