/**
 * The last messages the explanation webviews posted, kept so the extension's API can show what a webview sent:
 * the e2e tests use it to prove that a config-derived name never ran as script in the page.
 */
export interface WebviewMessageRecord {
  panel: string;
  message: unknown;
  at: number;
}

const LIMIT = 50;
const records: WebviewMessageRecord[] = [];

export function recordWebviewMessage(panel: string, message: unknown): void {
  records.push({ panel, message, at: Date.now() });
  if (records.length > LIMIT) records.splice(0, records.length - LIMIT);
}

export function webviewMessages(): readonly WebviewMessageRecord[] {
  return [...records];
}
