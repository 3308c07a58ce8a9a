import { randomUUID } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { credentialMetaSchema, type CredentialMeta } from '../../../shared/domain/credential';
import { AppError } from '../../../shared/errors';

const fileSchema = z.object({ version: z.literal(1), credentials: z.array(credentialMetaSchema) });

/**
 * `<workspace>/credentials.json`: metadata only, never secret fields. Writes go to a temp file
 * then rename, so a crash leaves the old file or the new one, never half of one.
 */
export class CredentialMetadataFile {
  readonly path: string;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(workspaceDir: string) {
    this.path = join(workspaceDir, 'credentials.json');
  }

  async read(): Promise<CredentialMeta[]> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const parsed = fileSchema.safeParse(safeJson(text));
    if (!parsed.success) {
      throw new AppError(
        'INTERNAL',
        `${this.path} is damaged and could not be read.`,
        'Restore it from a backup, or move it aside to start with no credentials (the keychain entries stay).',
      );
    }
    return parsed.data.credentials;
  }

  /** Runs read-modify-write steps one at a time so concurrent imports never drop each other. */
  update<T>(
    change: (
      list: CredentialMeta[],
    ) => { list: CredentialMeta[]; result: T } | Promise<{ list: CredentialMeta[]; result: T }>,
  ): Promise<T> {
    const run = this.#queue.then(async () => {
      const { list, result } = await change(await this.read());
      await this.#write(list);
      return result;
    });
    this.#queue = run.catch(() => {});
    return run;
  }

  async #write(list: CredentialMeta[]): Promise<void> {
    const temp = `${this.path}.${randomUUID()}.tmp`;
    try {
      await writeFile(temp, `${JSON.stringify({ version: 1, credentials: list }, null, 2)}\n`, { mode: 0o600 });
      await rename(temp, this.path);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
