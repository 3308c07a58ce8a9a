import { join } from 'node:path';
import { composerStateSchema, type ComposerState } from '../../../shared/domain/profile';
import { readJsonFile, writeJsonFileAtomic } from './json-file';

const INITIAL: ComposerState = { provider: 'apns', drafts: {} };

/**
 * The composer's unsaved state, held in main so a window reload (or a crash of the renderer)
 * loses nothing. Written to the data folder shortly after each change; drafts hold payloads and
 * options only, never secrets.
 */
export class DraftStore {
  readonly #file: string;
  #state: ComposerState | null = null;
  #timer: NodeJS.Timeout | null = null;
  #pending: Promise<void> = Promise.resolve();

  constructor(dataDir: string) {
    this.#file = join(dataDir, 'composer-draft.json');
  }

  async load(): Promise<ComposerState> {
    if (!this.#state) {
      try {
        this.#state = await readJsonFile(this.#file, composerStateSchema, INITIAL);
      } catch {
        // A damaged draft file is not worth blocking the composer for; start clean.
        this.#state = INITIAL;
      }
    }
    return this.#state;
  }

  save(state: ComposerState): void {
    this.#state = state;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.flush(), 300);
  }

  async flush(): Promise<void> {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    const state = this.#state;
    if (!state) return;
    this.#pending = this.#pending.then(() => writeJsonFileAtomic(this.#file, state)).catch(() => {});
    await this.#pending;
  }
}
