import { call } from '../../bridge';

/** Clipboard and file download helpers for the viewer. */
export async function copyText(text: string): Promise<void> {
  await navigator.clipboard.writeText(text);
}

/** A file download through a Blob link (the Electron CSP allows blob:). */
export function downloadText(fileName: string, text: string, type = 'application/json'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.dataset['testid'] = 'download-link';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function harFileName(now = new Date()): string {
  return `push-console-${now.toISOString().replace(/[:.]/g, '-').slice(0, 19)}.har`;
}

/**
 * Copy as curl. With secrets only after the user confirmed: the confirmation becomes a one-time
 * grant from main, spent by the copy. In Electron main puts the command on the clipboard itself
 * and answers "copied", so the secrets never enter this page; in browser mode the page gets it.
 * Returns the notice to show.
 */
export async function copyCurl(exchangeId: string, confirmedSecrets: boolean): Promise<string> {
  if (!confirmedSecrets) {
    const output = await call('exchanges.curl', { id: exchangeId });
    if (output.delivery === 'returned') await copyText(output.command);
    return 'Copied as curl (redacted).';
  }
  const { grant } = await call('exchanges.curlGrant', { id: exchangeId });
  const output = await call('exchanges.curl', { id: exchangeId, includeSecrets: true, grant });
  if (output.delivery === 'returned') await copyText(output.command);
  return 'Copied as curl, with secrets. Paste it somewhere safe.';
}
