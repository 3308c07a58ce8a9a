import type { Readable, Writable } from 'node:stream';

/** What a command may touch: streams are injected so tests run commands in-process too. */
export interface CliIo {
  stdout: Writable;
  stderr: Writable;
  stdin: Readable;
  env: NodeJS.ProcessEnv;
  /**
   * Hears Ctrl+C (SIGINT) instead of the process dying of it; returns the unsubscribe. A second
   * Ctrl+C ends the process at once. Absent when commands run in-process (tests).
   */
  onInterrupt?: (listener: () => void) => () => void;
}

export interface CliCommand {
  /** Words that select the command, e.g. `['send', 'apns']`. */
  readonly path: readonly string[];
  readonly summary: string;
  readonly usage: string;
  run(args: string[], io: CliIo): Promise<number>;
}

export function write(stream: Writable, text: string): void {
  stream.write(text.endsWith('\n') ? text : `${text}\n`);
}
