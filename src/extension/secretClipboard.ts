/**
 * The clipboard for a copied secret value. It is cleared when its time is up if it still holds
 * that value (the user may have copied something else meanwhile), also when the window was closed
 * or reloaded first.
 *
 * Closing or reloading a window stops the extension host before an extension can reach the
 * clipboard again, so a copy leaves a record until it is cleared: when it is due (global state)
 * and a keyed fingerprint of the value (SecretStorage), never the value itself. The next Flow
 * Vault activation, in any window, picks the record up and clears the clipboard when due, or at
 * once if that time has passed. Disposing (deactivation) with the host still reachable clears it
 * at once. The value is compared by its fingerprint and never logged.
 */
import { createHmac, randomBytes } from 'crypto';
import * as vscode from 'vscode';

const DUE_AT = 'flowVault.clipboard.clearDueAt';
const FINGERPRINT = 'flowVault.clipboard.fingerprint';

/** What the clipboard guard uses of VS Code and of the clock. */
export interface SecretClipboardHost {
  readonly clipboard: Pick<vscode.Clipboard, 'readText' | 'writeText'>;
  /** Where the due time is kept (the extension's global state). */
  readonly state: Pick<vscode.Memento, 'get' | 'update'>;
  /** Where the fingerprint is kept (the extension's SecretStorage). */
  readonly secrets: Pick<vscode.SecretStorage, 'get' | 'store' | 'delete'>;
  now(): number;
  /** Runs `run` after `ms`; returns a function that cancels it. */
  schedule(run: () => void, ms: number): () => void;
}

/**
 * A fingerprint of a copied value: an HMAC-SHA-256 under a random key of its own, kept with it
 * (`key:mac`), so that the record cannot be checked against a list of likely passwords.
 */
function newFingerprint(text: string): string {
  const key = randomBytes(16).toString('hex');
  return `${key}:${mac(key, text)}`;
}

function mac(key: string, text: string): string {
  return createHmac('sha256', key).update(text, 'utf8').digest('hex');
}

/** True when `text` is the value `fingerprint` was made of. */
function matches(fingerprint: string, text: string): boolean {
  const at = fingerprint.indexOf(':');
  return at > 0 && mac(fingerprint.slice(0, at), text) === fingerprint.slice(at + 1);
}

export class SecretClipboard implements vscode.Disposable {
  private pending?: { fingerprint: string; cancel: () => void };

  constructor(private readonly host: SecretClipboardHost) {}

  /** Copies `value` and clears it after `seconds` if the clipboard still holds it. */
  async copy(value: string, seconds: number): Promise<void> {
    const fingerprint = newFingerprint(value);
    const ms = seconds * 1000;
    // The record first: a window closed right after the copy still leaves it for the next one.
    await this.host.secrets.store(FINGERPRINT, fingerprint);
    await this.host.state.update(DUE_AT, this.host.now() + ms);
    try {
      await this.host.clipboard.writeText(value);
    } catch (e) {
      await this.forget(fingerprint);
      throw e;
    }
    this.arm(fingerprint, ms);
  }

  /** At activation: a copy that this window (before a reload) or another one left is cleared when due. */
  async resume(): Promise<void> {
    const due = this.host.state.get<number>(DUE_AT);
    if (typeof due !== 'number') return;
    const fingerprint = await this.host.secrets.get(FINGERPRINT);
    if (!fingerprint) {
      await this.host.state.update(DUE_AT, undefined);
      return;
    }
    this.arm(fingerprint, Math.max(0, due - this.host.now()));
  }

  /** Clears the clipboard now if it still holds the copied value; resolves when done. */
  dispose(): Promise<void> {
    const pending = this.pending;
    this.pending = undefined;
    if (!pending) return Promise.resolve();
    pending.cancel();
    return this.clearIfHeld(pending.fingerprint);
  }

  private arm(fingerprint: string, ms: number): void {
    this.pending?.cancel();
    const pending = {
      fingerprint,
      cancel: this.host.schedule(() => {
        if (this.pending === pending) this.pending = undefined;
        void this.clearIfHeld(fingerprint);
      }, ms),
    };
    this.pending = pending;
  }

  private async clearIfHeld(fingerprint: string): Promise<void> {
    try {
      if (matches(fingerprint, await this.host.clipboard.readText())) await this.host.clipboard.writeText('');
    } catch {
      return; // the clipboard cannot be reached (the host is stopping): the record stays for the next window
    }
    await this.forget(fingerprint);
  }

  /** Removes the record if it is still this copy's (a later copy replaces it). */
  private async forget(fingerprint: string): Promise<void> {
    try {
      if ((await this.host.secrets.get(FINGERPRINT)) !== fingerprint) return;
      await this.host.secrets.delete(FINGERPRINT);
      await this.host.state.update(DUE_AT, undefined);
    } catch {
      // storage unavailable: the next activation finds the record and finds nothing to clear
    }
  }
}

/** The extension's clipboard guard: VS Code's clipboard, its global state and SecretStorage. */
export function secretClipboard(context: vscode.ExtensionContext): SecretClipboard {
  return new SecretClipboard({
    clipboard: vscode.env.clipboard,
    state: context.globalState,
    secrets: context.secrets,
    now: () => Date.now(),
    schedule: (run, ms) => {
      const timer = setTimeout(run, ms);
      return () => clearTimeout(timer);
    },
  });
}

/** At activation: clears, when due, what a closed or reloaded window left on the clipboard. */
export function registerSecretClipboard(context: vscode.ExtensionContext): void {
  const guard = secretClipboard(context);
  context.subscriptions.push(guard);
  void guard.resume();
}
