/**
 * This window's own preferences (a pane's size), kept in the page's localStorage: they describe
 * one screen on one machine, so they stay out of the workspace files people commit. Never secrets.
 * Browser mode serves each run on a new port, and localStorage belongs to the port, so there they
 * last as long as the tab's origin.
 */
export class LocalSettings {
  readonly #prefix: string;
  readonly #storage: Storage | null;

  constructor(prefix = 'push-console.', storage: Storage | null = globalThis.localStorage ?? null) {
    this.#prefix = prefix;
    this.#storage = storage;
  }

  /** The number saved under `key`, or `fallback` when none (or not a number) is saved. */
  number(key: string, fallback: number): number {
    const saved = Number(this.#read(key));
    return this.#read(key) !== null && Number.isFinite(saved) ? saved : fallback;
  }

  setNumber(key: string, value: number): void {
    try {
      this.#storage?.setItem(this.#prefix + key, String(value));
    } catch {
      // Storage full or disabled: the size just is not remembered.
    }
  }

  #read(key: string): string | null {
    try {
      return this.#storage?.getItem(this.#prefix + key) ?? null;
    } catch {
      return null;
    }
  }
}

export const localSettings = new LocalSettings();
