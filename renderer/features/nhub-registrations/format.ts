/** A handle for a table cell: long tokens and URIs as their start and end. */
export function shortHandle(handle: string): string {
  if (handle.length <= 24) return handle;
  return `${handle.slice(0, 12)}…${handle.slice(-8)}`;
}

/** `a, b ,c` as tags; empty parts dropped, each once. */
export function parseTagList(text: string): string[] {
  return [
    ...new Set(
      text
        .split(',')
        .map((tag) => tag.trim())
        .filter(Boolean),
    ),
  ];
}
