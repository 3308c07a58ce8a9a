/** Clipboard and file download helpers for the viewer; both stay in the renderer. */
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
