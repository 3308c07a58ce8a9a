import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { z } from 'zod';
import { AppError } from '../../../shared/errors';

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

/** Writes via a temporary file and a rename, so a crash never leaves half a file behind. */
export async function writeJsonFileAtomic(path: string, value: unknown): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temp = `${path}.${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(temp, JSON.stringify(value, null, 2) + '\n', { mode: 0o644 });
  await rename(temp, path);
}

/** Serialises read-modify-write cycles on one file within this process. */
export class FileLock {
  #tail: Promise<unknown> = Promise.resolve();
  run<T>(task: () => Promise<T>): Promise<T> {
    const next = this.#tail.then(task, task);
    this.#tail = next.catch(() => undefined);
    return next;
  }
}
