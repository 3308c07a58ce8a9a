/** One target per line; blank lines and `#` comments (as the CLI's --targets file allows) are skipped. */
export function splitTargets(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}
