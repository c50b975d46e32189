/**
 * A one-line progress counter on standard error, for large trees on a terminal. Redrawn at most
 * ten times a second and erased at the end, so that it never mixes with the report.
 */

export interface Progress {
  tick(done: number): void;
  clear(): void;
}

const NONE: Progress = { tick() {}, clear() {} };

/** Files above which a progress line is shown. */
export const PROGRESS_THRESHOLD = 200;

export function createProgress(
  stream: { isTTY?: boolean; write(s: string): boolean; columns?: number },
  total: number,
  enabled: boolean,
): Progress {
  if (!enabled || stream.isTTY !== true || total <= PROGRESS_THRESHOLD) return NONE;
  let last = 0;
  let shown = false;
  return {
    tick(done: number) {
      const now = Date.now();
      if (now - last < 100 && done < total) return;
      last = now;
      const pct = Math.floor((done / total) * 100);
      const line = `Linting ${done}/${total} files (${pct}%)`;
      const width = stream.columns !== undefined && stream.columns > 20 ? stream.columns - 1 : 79;
      stream.write(`\r${line.slice(0, width)}\u001b[K`);
      shown = true;
    },
    clear() {
      if (shown) stream.write('\r\u001b[K');
      shown = false;
    },
  };
}
