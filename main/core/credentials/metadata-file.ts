import { join } from 'node:path';
import { z } from 'zod';
import { credentialMetaSchema, type CredentialMeta } from '../../../shared/domain/credential';
import { AppError } from '../../../shared/errors';
import { JsonFile } from '../workspace/json-file';

const fileSchema = z.object({ version: z.literal(1), credentials: z.array(credentialMetaSchema) });

/**
 * `<workspace>/credentials.json`: metadata only, never secret fields, readable by its owner only.
 * Every change goes through the workspace's cross-process lock and is written atomically.
 */
export class CredentialMetadataFile {
  readonly #file: JsonFile<typeof fileSchema>;

  constructor(workspaceDir: string) {
    this.#file = new JsonFile(
      join(workspaceDir, 'credentials.json'),
      fileSchema,
      () => ({ version: 1, credentials: [] }),
      {
        mode: 0o600,
      },
    );
  }

  get path(): string {
    return this.#file.path;
  }

  async read(): Promise<CredentialMeta[]> {
    try {
      return (await this.#file.read()).credentials;
    } catch (error) {
      throw damaged(error, this.path);
    }
  }

  /**
   * One read-modify-write under the lock: `change` gets the list as it is on disk now, so
   * imports from other processes are never dropped.
   */
  update<T>(
    change: (
      list: CredentialMeta[],
    ) => { list: CredentialMeta[]; result: T } | Promise<{ list: CredentialMeta[]; result: T }>,
  ): Promise<T> {
    return this.#file
      .update(async (file) => {
        const { list, result } = await change(file.credentials);
        return { value: { version: 1 as const, credentials: list }, result };
      })
      .catch((error: unknown) => {
        throw damaged(error, this.path);
      });
  }
}

function damaged(error: unknown, path: string): unknown {
  if (!(error instanceof AppError) || error.code !== 'WORKSPACE_INVALID') return error;
  return new AppError(
    'INTERNAL',
    `${path} is damaged and could not be read.`,
    'Restore it from a backup, or move it aside to start with no credentials (the keychain entries stay).',
  );
}
