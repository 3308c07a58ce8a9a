import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import type { z } from 'zod';
import { AppError } from '../../../shared/errors';

/** How long a lock may go without its holder refreshing it before another process takes it over. */
const STALE_MS = 10_000;
/** How long to wait for another process's change before giving up (bounded, with backoff). */
const WAIT_MS = 30_000;

export interface LockedFileOptions {
  /** Milliseconds before a lock whose holder stopped refreshing it (killed, say) is taken over. */
  staleMs?: number;
  /** Milliseconds to wait for the lock before saying another process holds it. */
  waitMs?: number;
}

/**
 * One file that several processes (the app, browser mode, CLI commands) may change at once. Every
 * change runs under a cross-process lock (proper-lockfile: a `<file>.lock` folder whose holder
 * refreshes its mtime; a holder that died is taken over after `staleMs`), reads the file afresh
 * under that lock and writes it atomically, so no process ever overwrites what another just wrote.
 */
export class LockedFile {
  readonly path: string;
  readonly #staleMs: number;
  readonly #waitMs: number;
  /** Changes from this process wait here rather than spinning on their own lock. */
  #tail: Promise<unknown> = Promise.resolve();

  constructor(path: string, options: LockedFileOptions = {}) {
    this.path = path;
    this.#staleMs = options.staleMs ?? STALE_MS;
    this.#waitMs = options.waitMs ?? WAIT_MS;
  }

  /** Resolves when this process's changes queued so far are done (for reads that must see them). */
  settled(): Promise<void> {
    return this.#tail.then(() => undefined);
  }

  /** Runs `task` holding the lock; `isLost()` turns true if the lock was taken over meanwhile. */
  withLock<T>(task: (isLost: () => boolean) => Promise<T>): Promise<T> {
    const next = this.#tail.then(
      () => this.#locked(task),
      () => this.#locked(task),
    );
    this.#tail = next.catch(() => undefined);
    return next;
  }

  async #locked<T>(task: (isLost: () => boolean) => Promise<T>): Promise<T> {
    await mkdir(dirname(this.path), { recursive: true });
    let lost = false;
    let release: () => Promise<void>;
    // Loaded on first use: commands that change nothing (--help, history) do not pay for it.
    const { lock } = await import('proper-lockfile');
    try {
      release = await lock(this.path, {
        realpath: false,
        stale: this.#staleMs,
        retries: { retries: Math.ceil(this.#waitMs / 100), minTimeout: 5, maxTimeout: 100, factor: 1.3 },
        // The default throws from a timer, which would kill the process; the write checks instead.
        onCompromised: () => {
          lost = true;
        },
      });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ELOCKED') throw error;
      throw new AppError(
        'BUSY',
        `Another Push Console process has been changing ${basename(this.path)} for over ${Math.round(this.#waitMs / 1000)} s; nothing was changed.`,
        `Try again when it has finished (its lock is ${this.path}.lock).`,
      );
    }
    try {
      return await task(() => lost);
    } finally {
      await release().catch(() => undefined);
    }
  }
}

/** A workspace JSON file read through its schema and changed only under its cross-process lock. */
export class JsonFile<S extends z.ZodType> {
  readonly #file: LockedFile;
  readonly #schema: S;
  readonly #fallback: () => z.output<S>;
  readonly #mode: number;

  constructor(
    path: string,
    schema: S,
    fallback: () => z.output<S>,
    options: LockedFileOptions & { mode?: number } = {},
  ) {
    this.#file = new LockedFile(path, options);
    this.#schema = schema;
    this.#fallback = fallback;
    this.#mode = options.mode ?? 0o644;
  }

  get path(): string {
    return this.#file.path;
  }

  /** Once this process's queued changes are on disk. */
  settled(): Promise<void> {
    return this.#file.settled();
  }

  /**
   * After this process's queued changes; needs no lock, since writes replace the file in one
   * rename, so a reader sees the old content or the new.
   */
  async read(): Promise<z.output<S>> {
    await this.#file.settled();
    return this.#readNow();
  }

  #readNow(): Promise<z.output<S>> {
    return readJsonFile(this.path, this.#schema, this.#fallback());
  }

  /**
   * Read-modify-write under the lock: `change` gets the file as it is now on disk (whatever
   * another process wrote last) and returns the new content, or `undefined` to leave it alone.
   */
  update<T>(
    change: (
      current: z.output<S>,
    ) => { value: z.output<S> | undefined; result: T } | Promise<{ value: z.output<S> | undefined; result: T }>,
  ): Promise<T> {
    return this.#file.withLock(async (isLost) => {
      const { value, result } = await change(await this.#readNow());
      if (value !== undefined) await this.#write(value, isLost);
      return result;
    });
  }

  /** Replaces the whole content (for files that are one value, not a list that others add to). */
  write(value: z.output<S>): Promise<void> {
    return this.#file.withLock((isLost) => this.#write(value, isLost));
  }

  async #write(value: z.output<S>, isLost: () => boolean): Promise<void> {
    if (isLost()) {
      throw new AppError(
        'BUSY',
        `The lock on ${basename(this.path)} was taken over by another process while this change was being made (this one stalled too long); nothing was written.`,
        'Try again.',
      );
    }
    await writeFileDurably(this.path, JSON.stringify(value, null, 2) + '\n', this.#mode);
  }
}

/**
 * Reads a workspace JSON file through its schema. A missing file is the fallback; a file that is
 * not valid says which file and why, instead of being silently replaced.
 */
export async function readJsonFile<S extends z.ZodType>(
  path: string,
  schema: S,
  fallback: z.output<S>,
): Promise<z.output<S>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return fallback;
    throw error;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new AppError(
      'WORKSPACE_INVALID',
      `${path} is not valid JSON.`,
      'Fix or remove the file; Push Console will not overwrite it.',
    );
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError(
      'WORKSPACE_INVALID',
      `${path} does not match what Push Console expects (${issue?.path.join('.') || 'root'}: ${issue?.message}).`,
      'Fix or remove the file; Push Console will not overwrite it.',
    );
  }
  return parsed.data;
}

/**
 * Temp file, fsync, rename, fsync of the folder: after a crash or power loss the file is the old
 * one or the new one, never empty or half written.
 */
export async function writeFileDurably(path: string, text: string, mode: number): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    const handle = await open(temp, 'wx', mode);
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  await syncFolder(dirname(path));
}

async function syncFolder(dir: string): Promise<void> {
  // Makes the rename itself durable; Windows cannot open a folder for this and needs no such step.
  if (process.platform === 'win32') return;
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
