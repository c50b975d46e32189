/**
 * A minimal stand-in for the `vscode` module, enough to build tree items outside an extension
 * host (tree-building unit tests, the Credentials view benchmark). `installVscodeStub()` makes
 * `require('vscode')` return it. Settings come from `stub.settings`.
 */
import Module from 'node:module';

export class EventEmitter<T> {
  private listeners: ((e: T) => void)[] = [];
  readonly event = (listener: (e: T) => void) => {
    this.listeners.push(listener);
    return { dispose: () => (this.listeners = this.listeners.filter((l) => l !== listener)) };
  };
  fire(e: T): void {
    for (const l of [...this.listeners]) l(e);
  }
  dispose(): void {
    this.listeners = [];
  }
}

export class ThemeColor {
  constructor(readonly id: string) {}
}

export class ThemeIcon {
  static readonly File = new ThemeIcon('file');
  constructor(
    readonly id: string,
    readonly color?: ThemeColor,
  ) {}
}

export class MarkdownString {
  constructor(public value = '') {}
  appendMarkdown(text: string): this {
    this.value += text;
    return this;
  }
  appendText(text: string): this {
    this.value += text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
    return this;
  }
}

export enum TreeItemCollapsibleState {
  None = 0,
  Collapsed = 1,
  Expanded = 2,
}

export class TreeItem {
  id?: string;
  description?: string;
  tooltip?: string | MarkdownString;
  iconPath?: ThemeIcon;
  contextValue?: string;
  command?: { command: string; title: string; arguments?: unknown[] };
  resourceUri?: unknown;
  constructor(
    public label: string,
    public collapsibleState: TreeItemCollapsibleState = TreeItemCollapsibleState.None,
  ) {}
}

export const stub = {
  settings: {} as Record<string, unknown>,
  contextKeys: {} as Record<string, unknown>,
};

const vscodeStub = {
  EventEmitter,
  ThemeColor,
  ThemeIcon,
  MarkdownString,
  TreeItem,
  TreeItemCollapsibleState,
  Uri: { parse: (s: string) => ({ toString: () => s }), from: (c: { scheme: string; path: string }) => ({ ...c, toString: () => `${c.scheme}:${c.path}` }) },
  ProgressLocation: { Notification: 15 },
  window: {
    withProgress: async (_o: unknown, task: () => Promise<unknown>) => task(),
  },
  commands: {
    executeCommand: async (id: string, key?: string, value?: unknown) => {
      if (id === 'setContext' && key) stub.contextKeys[key] = value;
    },
  },
  workspace: {
    isTrusted: true,
    workspaceFolders: undefined,
    getConfiguration: (section: string) => ({
      get: <T>(key: string, fallback?: T): T | undefined => (stub.settings[`${section}.${key}`] as T | undefined) ?? fallback,
    }),
    onDidChangeConfiguration: () => ({ dispose() {} }),
    asRelativePath: (u: { toString(): string }) => u.toString(),
  },
};

let installed = false;

export function installVscodeStub(): typeof vscodeStub {
  if (!installed) {
    installed = true;
    const m = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
    const load = m._load;
    m._load = function (request: string, ...rest: unknown[]) {
      if (request === 'vscode') return vscodeStub;
      return load.call(this, request, ...rest);
    };
  }
  return vscodeStub;
}
