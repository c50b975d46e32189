/** Outline and breadcrumbs (subflows, regions, flow inputs/outputs) and folding for Robin. */
import * as vscode from 'vscode';
import { foldingRanges, outline, type OutlineSymbol } from './outline';
import { scriptOf } from './parseCache';

const ROBIN: vscode.DocumentSelector = { language: 'robin' };

const KINDS: Record<OutlineSymbol['kind'], vscode.SymbolKind> = {
  subflow: vscode.SymbolKind.Function,
  region: vscode.SymbolKind.Namespace,
  input: vscode.SymbolKind.Variable,
  output: vscode.SymbolKind.Variable,
};

export function registerSymbols(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.languages.registerDocumentSymbolProvider(
      ROBIN,
      {
        provideDocumentSymbols(document) {
          const toRange = (r: { start: number; end: number }): vscode.Range =>
            new vscode.Range(document.positionAt(r.start), document.positionAt(r.end));
          const convert = (s: OutlineSymbol): vscode.DocumentSymbol => {
            const range = toRange(s.range);
            let selection = toRange(s.selectionRange);
            if (!range.contains(selection)) selection = new vscode.Range(range.start, range.start);
            const symbol = new vscode.DocumentSymbol(s.name, s.detail, KINDS[s.kind], range, selection);
            symbol.children = s.children.map(convert);
            return symbol;
          };
          return outline(scriptOf(document)).map(convert);
        },
      },
      { label: 'Flow Vault' },
    ),
    vscode.languages.registerFoldingRangeProvider(ROBIN, {
      provideFoldingRanges(document) {
        return foldingRanges(scriptOf(document), document.getText()).map(
          (f) =>
            new vscode.FoldingRange(
              f.startLine,
              f.endLine,
              f.kind === 'comment' ? vscode.FoldingRangeKind.Comment : f.kind === 'region' ? vscode.FoldingRangeKind.Region : undefined,
            ),
        );
      },
    }),
  );
}
