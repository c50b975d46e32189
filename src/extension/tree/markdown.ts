/** Markdown-escapes text taken from Azure and Dataverse (names, tags). */
export function md(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}
