import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { presetSchema, type Preset } from '../../../shared/domain/profile';
import { AppError } from '../../../shared/errors';
import { JsonFile, readJsonFile } from './json-file';

/** Saved payloads, one JSON file each under the workspace's presets/<provider>/ folder. */
export class PresetStore {
  readonly #dir: string;

  constructor(workspaceDir: string) {
    this.#dir = join(workspaceDir, 'presets');
  }

  async list(provider?: Preset['provider']): Promise<Preset[]> {
    const providers = provider ? [provider] : await this.#providers();
    const presets: Preset[] = [];
    for (const p of providers) {
      let files: string[] = [];
      try {
        files = (await readdir(join(this.#dir, p))).filter((name) => name.endsWith('.json'));
      } catch {
        continue;
      }
      for (const file of files.sort()) {
        try {
          const preset = await readJsonFile(join(this.#dir, p, file), presetSchema, null as unknown as Preset);
          if (preset) presets.push(preset);
        } catch {
          // A hand-edited preset that no longer parses is skipped, not deleted.
        }
      }
    }
    return presets;
  }

  async save(preset: Preset): Promise<Preset> {
    const parsed = presetSchema.parse(preset);
    await new JsonFile(this.#path(parsed.provider, parsed.name), presetSchema, () => parsed).write(parsed);
    return parsed;
  }

  async remove(provider: Preset['provider'], name: string): Promise<void> {
    const path = this.#path(provider, name);
    try {
      await rm(path);
    } catch {
      throw new AppError('NOT_FOUND', `No ${provider} preset named "${name}".`);
    }
  }

  #path(provider: string, name: string): string {
    const slug = name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '');
    if (!slug) throw new AppError('INVALID_INPUT', 'A preset name needs at least one letter or digit.');
    return join(this.#dir, provider, `${slug}.json`);
  }

  async #providers(): Promise<Preset['provider'][]> {
    try {
      return (await readdir(this.#dir)) as Preset['provider'][];
    } catch {
      return [];
    }
  }
}
