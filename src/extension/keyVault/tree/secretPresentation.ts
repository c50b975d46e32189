/**
 * How a secret or version looks: icon and colour by state, description with state, content type
 * and expiry, a Markdown tooltip with dates and tags. Built from attributes only: a value is
 * never part of a SecretInfo.
 */
import * as vscode from 'vscode';
import { isoDate, secretState, type SecretState } from '../../../azure/keyVault/secretState';
import type { SecretInfo } from '../../../azure/keyVault/vaultClient';
import { themeIcon } from '../../tree/TreeNode';
import { md } from '../../tree/markdown';

export function stateOf(s: SecretInfo, now: Date, expiringWithinDays: number): SecretState {
  return secretState(s, now, expiringWithinDays);
}

export function stateIcon(state: SecretState, base: string): vscode.ThemeIcon {
  switch (state.kind) {
    case 'disabled':
      return themeIcon('circle-slash', 'disabledForeground');
    case 'expired':
      return themeIcon('error', 'problemsErrorIcon.foreground');
    case 'expiring':
      return themeIcon('warning', 'problemsWarningIcon.foreground');
    case 'notYetValid':
      return themeIcon('clock', 'problemsInfoIcon.foreground');
    default:
      return themeIcon(base);
  }
}

export function secretDescription(s: SecretInfo, state: SecretState): string {
  const parts: string[] = [];
  if (state.summary) parts.push(state.summary);
  if (s.contentType) parts.push(s.contentType);
  if (s.expiresOn && state.kind !== 'expired' && state.kind !== 'expiring') parts.push(`expires ${isoDate(s.expiresOn)}`);
  if (s.managed) parts.push('managed');
  return parts.join(' · ');
}

function dateTime(d: Date): string {
  return `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

export function secretTooltip(s: SecretInfo, state: SecretState, vaultName: string, heading: string): vscode.MarkdownString {
  const t = new vscode.MarkdownString(undefined, false);
  t.appendMarkdown(`**${md(heading)}** in vault ${md(vaultName)}\n\n`);
  const rows: [string, string][] = [];
  rows.push(['State', state.kind === 'ok' ? 'enabled' : state.summary]);
  if (s.contentType) rows.push(['Content type', md(s.contentType)]);
  if (s.notBefore) rows.push(['Not before', dateTime(s.notBefore)]);
  if (s.expiresOn) rows.push(['Expires', dateTime(s.expiresOn)]);
  if (s.createdOn) rows.push(['Created', dateTime(s.createdOn)]);
  if (s.updatedOn) rows.push(['Updated', dateTime(s.updatedOn)]);
  if (s.version) rows.push(['Version', `\`${s.version}\``]);
  if (s.managed) rows.push(['Managed', 'yes (backs a certificate)']);
  t.appendMarkdown('| | |\n|---|---|\n');
  for (const [k, v] of rows) t.appendMarkdown(`| ${k} | ${v} |\n`);
  const tags = Object.entries(s.tags ?? {});
  if (tags.length) {
    t.appendMarkdown('\n**Tags**\n\n| Tag | Value |\n|---|---|\n');
    for (const [k, v] of tags) t.appendMarkdown(`| ${md(k)} | ${md(v)} |\n`);
  }
  t.appendMarkdown('\n*The value is not shown. "Copy Secret Value…" copies it after you confirm, and the clipboard is cleared after a while.*');
  return t;
}
