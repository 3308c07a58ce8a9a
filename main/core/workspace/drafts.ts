import { join } from 'node:path';
import { composerStateSchema, type ComposerState } from '../../../shared/domain/profile';
import { JsonFile } from './json-file';

const INITIAL: ComposerState = { provider: 'apns', drafts: {} };

/**
 * The composer's unsaved state, held in main so a window reload (or a crash of the renderer)
 * loses nothing. Written to the data folder shortly after each change; drafts hold payloads and
 * options only, never secrets.
 */
export class DraftStore {
  readonly #file: JsonFile<typeof composerStateSchema>;
  #state: ComposerState | null = null;
  #timer: NodeJS.Timeout | null = null;
  #pending: Promise<void> = Promise.resolve();

  constructor(dataDir: string) {
    this.#file = new JsonFile(join(dataDir, 'composer-draft.json'), composerStateSchema, () => INITIAL);
  }

  async load(): Promise<ComposerState> {
    if (!this.#state) {
      try {
        this.#state = await this.#file.read();
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
    // The composer's whole state, last writer wins: there is no list here that others add to.
    this.#pending = this.#pending.then(() => this.#file.write(state)).catch(() => {});
    await this.#pending;
  }
}
