import type { Writable } from 'node:stream';

/**
 * Resolves once everything written to these streams so far has been handed to the OS. A pipe
 * takes 64 KiB at a time: the rest waits in the stream until the reader catches up, and exiting
 * before then cuts the output (`history list --json | cat`). A reader that went away (EPIPE)
 * counts as drained: there is nobody left to write to.
 */
export function drained(streams: readonly Writable[]): Promise<void> {
  return Promise.all(
    streams.map(
      (stream) =>
        new Promise<void>((resolve) => {
          if (stream.destroyed || stream.writableEnded) return resolve();
          // Writes complete in order: the callback of an empty one comes after every earlier one.
          stream.once('error', () => resolve());
          stream.write('', () => resolve());
        }),
    ),
  ).then(() => {});
}
