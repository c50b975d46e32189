/**
 * Copies a secret value to the clipboard and clears it after a while, if the clipboard still
 * holds that value (the user may have copied something else meanwhile). The value lives only in
 * this closure until then; it is never logged.
 */
import * as vscode from 'vscode';

const timers = new Set<NodeJS.Timeout>();

export async function copyWithTimedClear(value: string, seconds: number): Promise<void> {
  await vscode.env.clipboard.writeText(value);
  const timer = setTimeout(() => {
    timers.delete(timer);
    void (async () => {
      try {
        if ((await vscode.env.clipboard.readText()) === value) await vscode.env.clipboard.writeText('');
      } catch {
        // clipboard unavailable: nothing to clear
      }
    })();
  }, seconds * 1000);
  timers.add(timer);
}

/** On deactivation: clear what is still pending right away (best effort). */
export function clearPendingClipboardTimers(): void {
  for (const t of timers) clearTimeout(t);
  timers.clear();
}
